package io.batchplane.bench;

/**
 * How big each scenario is. {@link #FULL} is the target workload; {@link #QUICK} runs in
 * about a minute and is what CI runs to catch breakage (it checks outcomes, never timings).
 */
record Sizes(int nodes, int completions, int parallelism, int smallJobs, int storedPods, double storeSeconds,
        double storeWarmupSeconds) {

    static final Sizes FULL = new Sizes(100, 10_000, 1_000, 2_000, 100_000, 8, 15);
    static final Sizes QUICK = new Sizes(10, 500, 100, 100, 5_000, 1, 1);
}
