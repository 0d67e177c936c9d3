package io.batchplane.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

    private final List<Double> sorted;

    Percentiles(Collection<Double> values) {
        sorted = new ArrayList<>(values);
        Collections.sort(sorted);
    }

    int count() {
        return sorted.size();
    }

    /** The {@code q} quantile (0..1); NaN for an empty sample. */
    double at(double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
