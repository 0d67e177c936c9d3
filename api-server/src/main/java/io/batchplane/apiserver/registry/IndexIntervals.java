package io.batchplane.apiserver.registry;

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
            String[] limits = interval.split("-", -1);
            if (limits.length > 2) {
                throw new FormatException("the fragment \"" + interval + "\" violates the requirement that an index "
                        + "interval can have at most two parts separated by '-'");
            }
            int x = parse(limits[0], completions);
            if (last != null && last >= x) {
                throw new FormatException("non-increasing order, previous: " + last + ", current: " + x);
            }
            total++;
            last = x;
            if (limits.length == 2) {
                int y = parse(limits[1], completions);
                if (last >= y) {
                    throw new FormatException("non-increasing order, previous: " + last + ", current: " + y);
                }
                total += y - x;
                last = y;
            }
        }
        return total;
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
