package io.batchplane.apiserver.resource;

import io.batchplane.api.v1.PropagationPolicy;

/**
 * What a delete request asks for, in transport-neutral form.
 *
 * @param uid                precondition: the object's uid must be this, when non-empty
 * @param resourceVersion    precondition: the object's resourceVersion must be this, when non-empty
 * @param propagation        how dependents are treated; UNSPECIFIED takes the kind's default
 * @param gracePeriodSeconds null for the object's own default
 * @param dryRun             validate and answer, change nothing
 */
public record DeleteOptions(String uid, String resourceVersion, PropagationPolicy propagation,
        Long gracePeriodSeconds, boolean dryRun) {

    public static DeleteOptions defaults() {
        return new DeleteOptions("", "", PropagationPolicy.PROPAGATION_POLICY_UNSPECIFIED, null, false);
    }
}
