package io.batchplane.cronjobcontroller.schedule;

/**
 * The set of values one cron field admits, as a bit set ({@code 1L << value}), plus whether the
 * field was written as an unrestricted wildcard ({@code *} or {@code ?}, alone or with step 1).
 * The wildcard flag matters only for the two day fields: see {@link SpecSchedule}.
 */
record CronField(long bits, boolean wildcard) {

    boolean has(int value) {
        return (bits & (1L << value)) != 0;
    }

    /** Every value in {@code [min, max]}, marked as a wildcard (what {@code *} means). */
    static CronField all(int min, int max) {
        return new CronField(range(min, max, 1), true);
    }

    /** Exactly {@code value}. */
    static CronField only(int value) {
        return new CronField(1L << value, false);
    }

    static long range(int start, int end, int step) {
        long bits = 0;
        for (int v = start; v <= end; v += step) {
            bits |= 1L << v;
        }
        return bits;
    }
}
