package io.batchplane.jobcontroller.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of completion indexes kept as sorted, disjoint, non-adjacent closed intervals, with the text form of
 * {@code status.completedIndexes} / {@code status.failedIndexes} and successPolicy's {@code succeededIndexes}:
 * comma-separated, a run of three or more as {@code first-last}, e.g. {@code "1,3-5,7,8"}.
 * Immutable.
 */
public final class IndexIntervals {
    private static final IndexIntervals EMPTY = new IndexIntervals(List.of());

    /** first and last (inclusive) of each interval, ascending. */
    private final List<int[]> intervals;

    private IndexIntervals(List<int[]> intervals) {
        this.intervals = intervals;
    }

    public static IndexIntervals empty() {
        return EMPTY;
    }

    /**
     * Reads the text form, keeping only indexes below {@code completions} (an elastic Job may have shrunk).
     * Text that does not parse reads as empty, as upstream does: the controller then rebuilds from pods.
     */
    public static IndexIntervals parse(String text, int completions) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String[] limits = part.split("-", -1);
            if (limits.length > 2) {
                return EMPTY;
            }
            int first;
            int last;
            try {
                first = Integer.parseInt(limits[0]);
                last = limits.length == 2 ? Integer.parseInt(limits[1]) : first;
            } catch (NumberFormatException e) {
                return EMPTY;
            }
            if (first < 0 || last < first) {
                return EMPTY;
            }
            for (int i = first; i <= Math.min(last, completions - 1); i++) {
                indexes.add(i);
            }
        }
        return of(indexes);
    }

    public static IndexIntervals of(Collection<Integer> indexes) {
        List<int[]> result = new ArrayList<>();
        for (int index : new TreeSet<>(indexes)) {
            if (!result.isEmpty() && result.get(result.size() - 1)[1] == index - 1) {
                result.get(result.size() - 1)[1] = index;
            } else {
                result.add(new int[] {index, index});
            }
        }
        return result.isEmpty() ? EMPTY : new IndexIntervals(List.copyOf(result));
    }

    /** The union with some more indexes. */
    public IndexIntervals with(Collection<Integer> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Integer> all = new ArrayList<>(toList());
        all.addAll(more);
        return of(all);
    }

    public IndexIntervals union(IndexIntervals other) {
        return with(other.toList());
    }

    public boolean has(int index) {
        for (int[] interval : intervals) {
            if (index < interval[0]) {
                return false;
            }
            if (index <= interval[1]) {
                return true;
            }
        }
        return false;
    }

    public int total() {
        int total = 0;
        for (int[] interval : intervals) {
            total += interval[1] - interval[0] + 1;
        }
        return total;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public List<Integer> toList() {
        List<Integer> list = new ArrayList<>();
        for (int[] interval : intervals) {
            for (int i = interval[0]; i <= interval[1]; i++) {
                list.add(i);
            }
        }
        return list;
    }

    /** The text form; a pair of adjacent indexes is written {@code "a,b"}, a longer run {@code "a-b"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int[] interval : intervals) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(interval[0]);
            if (interval[1] > interval[0]) {
                text.append(interval[1] == interval[0] + 1 ? ',' : '-').append(interval[1]);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexIntervals other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
