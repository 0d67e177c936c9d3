package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/**
 * What runs a node's pods: given a pod as last seen (and {@code now}), says what to report and when to
 * look again. {@link SimulatedRuntime} is pure; {@link ProcessRuntime} keeps the processes it started.
 */
public interface PodRuntime {

    RuntimeStep step(Pod pod, Instant now);

    /** The pod is gone from the API server (or from this node): release whatever runs for it. */
    default void podGone(Pod pod) {
    }

    /** The simulated runtime (pure, no processes): the default, and what scale tests use. */
    PodRuntime SIMULATED = SimulatedRuntime::step;
}
