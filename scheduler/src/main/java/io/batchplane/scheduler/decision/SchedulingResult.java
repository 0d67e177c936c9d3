package io.batchplane.scheduler.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one scheduling decision: the chosen node (empty when none fits), every feasible node
 * with its score, and for each rejected node why. {@link #message()} is the text users see in the
 * pod's {@code PodScheduled=False} condition when nothing fits.
 */
public record SchedulingResult(Optional<String> selected, Map<String, Long> feasible,
        Map<String, List<String>> rejected, int nodeCount) {

    public boolean scheduled() {
        return selected.isPresent();
    }

    /** Upstream's FitError text: {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) ...}. */
    public String message() {
        return FitError.message(nodeCount, rejected);
    }
}
