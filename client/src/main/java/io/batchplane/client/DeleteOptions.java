package io.batchplane.client;

import io.batchplane.api.v1.PropagationPolicy;

/**
 * How a delete behaves, as in Kubernetes' {@code DeleteOptions}: preconditions on uid and
 * resourceVersion (null: none), the propagation policy for dependents (null: the kind's default),
 * the grace period (null: the kind's default) and dry run.
 */
public record DeleteOptions(String preconditionUid, String preconditionResourceVersion,
        PropagationPolicy propagationPolicy, Long gracePeriodSeconds, boolean dryRun) {

    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null, false);
    }

    public DeleteOptions withPreconditions(String uid, String resourceVersion) {
        return new DeleteOptions(uid, resourceVersion, propagationPolicy, gracePeriodSeconds, dryRun);
    }

    public DeleteOptions withPropagationPolicy(PropagationPolicy p) {
        return new DeleteOptions(preconditionUid, preconditionResourceVersion, p, gracePeriodSeconds, dryRun);
    }

    public DeleteOptions withGracePeriodSeconds(Long seconds) {
        return new DeleteOptions(preconditionUid, preconditionResourceVersion, propagationPolicy, seconds, dryRun);
    }

    public DeleteOptions withDryRun(boolean d) {
        return new DeleteOptions(preconditionUid, preconditionResourceVersion, propagationPolicy, gracePeriodSeconds, d);
    }
}
