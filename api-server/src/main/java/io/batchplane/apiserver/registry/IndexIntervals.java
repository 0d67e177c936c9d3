package io.batchplane.apiserver.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The compressed index-list format of Indexed Jobs ({@code "1,3-5,7"}): used by
 * {@code status.completedIndexes}, {@code status.failedIndexes} and
 * {@code successPolicy.rules[].succeededIndexes}. Intervals must be increasing and below completions.
 */
public final class IndexIntervals {

    private IndexIntervals() {
    }

    /** Thrown with upstream's wording when the string is malformed. */
    public static final class FormatException extends Exception {
        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses {@code indexes} and returns how many indexes it names.
     *
     * @throws FormatException when a part is not a number, too large, or out of order
     */
    public static int count(String indexes, int completions) throws FormatException {
        if (indexes == null || indexes.isEmpty()) {
            return 0;
        }
        Integer last = null;
        int total = 0;
        for (String interval : indexes.split(",", -1)) {
            int[] xy = interval(interval, completions);
            if (last != null && last >= xy[0]) {
                throw new FormatException("non-increasing order, previous: " + last + ", current: " + xy[0]);
            }
            total += xy[1] - xy[0] + 1;
            last = xy[1];
        }
        return total;
    }

    /** Parses {@code "x"} or {@code "x-y"} into its first and last index. */
    static int[] interval(String interval, int completions) throws FormatException {
        String[] limits = interval.split("-", -1);
        if (limits.length > 2) {
            throw new FormatException("the fragment " + FieldErrors.quote(interval) + " violates the requirement "
                    + "that an index interval can have at most two parts separated by '-'");
        }
        int x = parse(limits[0], completions);
        if (limits.length == 1) {
            return new int[] {x, x};
        }
        int y = parse(limits[1], completions);
        if (x >= y) {
            throw new FormatException("non-increasing order, previous: " + x + ", current: " + y);
        }
        return new int[] {x, y};
    }

    /**
     * The first index named by both lists, or null when they are disjoint. Intervals that do not
     * parse are skipped: their format is reported separately.
     */
    public static Integer firstOverlap(String completed, String failed, int completions) {
        if (completed == null || completed.isEmpty() || failed == null || failed.isEmpty()) {
            return null;
        }
        List<int[]> a = parsable(completed, completions);
        List<int[]> b = parsable(failed, completions);
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int[] c = a.get(i);
            int[] f = b.get(j);
            if (c[0] <= f[1] && f[0] <= c[1]) {
                return Math.max(c[0], f[0]);
            }
            if (c[0] <= f[0]) {
                i++;
            } else {
                j++;
            }
        }
        return null;
    }

    private static List<int[]> parsable(String indexes, int completions) {
        List<int[]> out = new ArrayList<>();
        for (String interval : indexes.split(",", -1)) {
            try {
                out.add(interval(interval, completions));
            } catch (FormatException e) {
                // reported by count()
            }
        }
        return out;
    }

    private static int parse(String s, int completions) throws FormatException {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new FormatException("cannot convert string to integer for index: " + FieldErrors.quote(s));
        }
        if (v >= completions) {
            throw new FormatException("too large index: " + FieldErrors.quote(s));
        }
        return v;
    }
}
