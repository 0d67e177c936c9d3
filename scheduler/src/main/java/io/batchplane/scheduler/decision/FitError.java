package io.batchplane.scheduler.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the "why nothing fits" text the way upstream's FitError does: the number of nodes, then a
 * histogram of reasons as {@code "<count> <reason>"} entries sorted as strings and joined with
 * {@code ", "}, ending with a period. A node rejected for several reasons counts under each.
 */
public final class FitError {

    /** Upstream's text when the cluster has no nodes at all. */
    public static final String NO_NODES = "no nodes available to schedule pods";

    private FitError() {
    }

    public static String message(int nodeCount, Map<String, List<String>> rejected) {
        if (nodeCount == 0) {
            return NO_NODES;
        }
        Map<String, Integer> histogram = new TreeMap<>();
        rejected.values().forEach(rs -> rs.forEach(r -> histogram.merge(r, 1, Integer::sum)));
        List<String> entries = new ArrayList<>();
        histogram.forEach((reason, count) -> entries.add(count + " " + reason));
        entries.sort(null);
        return "0/" + nodeCount + " nodes are available: " + String.join(", ", entries) + ".";
    }
}
