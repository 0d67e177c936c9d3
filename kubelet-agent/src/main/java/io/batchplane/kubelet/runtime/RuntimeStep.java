package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What the agent should do for one pod now: write this status (empty: nothing to write), then delete
 * the pod with grace period 0 (its deletion was requested and it has reported a terminal status),
 * and look at it again at {@code wakeAt} (empty: only when it changes).
 */
public record RuntimeStep(Optional<PodStatus> status, boolean delete, Optional<Instant> wakeAt) {

    public static final RuntimeStep NOTHING = new RuntimeStep(Optional.empty(), false, Optional.empty());
}
