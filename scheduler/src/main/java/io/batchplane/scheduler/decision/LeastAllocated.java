package io.batchplane.scheduler.decision;

/**
 * Upstream's default scoring (NodeResourcesFit, strategy LeastAllocated): prefer the node that would
 * have the most CPU and memory left after the pod lands, which spreads pods across nodes. Each
 * resource scores {@code (allocatable - requested) * 100 / allocatable} in integer arithmetic (0 when
 * the node offers none or would be over-committed), with requests counted the "non-zero" way
 * ({@link PodRequests#nonZero}); the node's score is the average over CPU and memory, 0..100.
 */
public final class LeastAllocated {

    public static final long MAX_SCORE = 100;

    private LeastAllocated() {
    }

    public static long score(Resources podNonZero, NodeInfo info) {
        Resources requested = info.nonZeroRequested().plus(podNonZero);
        long cpu = resourceScore(requested.milliCpu(), info.allocatable().milliCpu());
        long mem = resourceScore(requested.memory(), info.allocatable().memory());
        return (cpu + mem) / 2;
    }

    static long resourceScore(long requested, long allocatable) {
        if (allocatable <= 0 || requested > allocatable) {
            return 0;
        }
        return (allocatable - requested) * MAX_SCORE / allocatable;
    }
}
