package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordination/v1 Lease registry rules: no status, no defaults; a lease's duration must be
 * positive and its transition count non-negative.
 */
public final class LeaseStrategy implements ResourceStrategy<Lease> {

    @Override
    public ResourceType type() {
        return ResourceType.LEASES;
    }

    @Override
    public Class<Lease> modelClass() {
        return Lease.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return false;
    }

    @Override
    public void prepareForCreate(Lease lease) {
        // Leases have neither defaults nor status.
    }

    @Override
    public List<StatusCause> validate(Lease lease) {
        List<StatusCause> errs = new ArrayList<>();
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        Integer duration = spec.getLeaseDurationSeconds();
        if (duration != null && duration <= 0) {
            errs.add(FieldErrors.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        }
        Integer transitions = spec.getLeaseTransitions();
        if (transitions != null && transitions < 0) {
            errs.add(FieldErrors.nonNegative("spec.leaseTransitions", transitions));
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Lease newObj, Lease oldObj) {
        // The whole object is writable: there is no status to preserve.
    }

    @Override
    public List<StatusCause> validateUpdate(Lease newObj, Lease oldObj) {
        return validate(newObj);
    }

    @Override
    public void prepareForStatusUpdate(Lease newObj, Lease oldObj) {
        throw new UnsupportedOperationException("leases have no status subresource");
    }

    @Override
    public List<StatusCause> validateStatusUpdate(Lease newObj, Lease oldObj) {
        throw new UnsupportedOperationException("leases have no status subresource");
    }

    /** Upstream does not track generation for Leases. */
    @Override
    public boolean specChanged(Lease newObj, Lease oldObj) {
        return false;
    }
}
