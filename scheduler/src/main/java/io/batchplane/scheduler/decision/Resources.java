package io.batchplane.scheduler.decision;

/**
 * An amount of the resources the scheduler accounts for: CPU in millicores, memory in bytes, and a
 * pod count. Used both for what a node offers (allocatable) and what pods ask for (requests).
 */
public record Resources(long milliCpu, long memory, long pods) {

    public static final Resources ZERO = new Resources(0, 0, 0);

    public Resources plus(Resources o) {
        return new Resources(milliCpu + o.milliCpu, memory + o.memory, pods + o.pods);
    }

    public Resources minus(Resources o) {
        return new Resources(milliCpu - o.milliCpu, memory - o.memory, pods - o.pods);
    }
}
