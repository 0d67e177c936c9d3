package io.batchplane.apiserver.registry;

import io.batchplane.api.Finalizers;
import io.batchplane.api.Labels;
import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core/v1 Namespace registry rules: every namespace carries the {@code kubernetes} spec
 * finalizer (so its contents are deleted before it goes), starts Active, and always has the
 * {@code kubernetes.io/metadata.name} label equal to its name. Spec finalizers change only through
 * the finalize subresource, not through updates.
 */
public final class NamespaceStrategy implements ResourceStrategy<Namespace> {

    @Override
    public ResourceType type() {
        return ResourceType.NAMESPACES;
    }

    @Override
    public Class<Namespace> modelClass() {
        return Namespace.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(Namespace ns) {
        nameLabel(ns);
        if (ns.getSpec() == null) {
            ns.setSpec(new NamespaceSpec());
        }
        List<String> finalizers = ns.getSpec().getFinalizers() == null ? new ArrayList<>()
                : new ArrayList<>(ns.getSpec().getFinalizers());
        if (!finalizers.contains(Finalizers.KUBERNETES)) {
            finalizers.add(Finalizers.KUBERNETES);
        }
        ns.getSpec().setFinalizers(finalizers);
        NamespaceStatus status = new NamespaceStatus();
        status.setPhase("Active");
        ns.setStatus(status);
    }

    @Override
    public List<StatusCause> validate(Namespace ns) {
        List<StatusCause> errs = new ArrayList<>();
        List<String> finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null ? List.of()
                : ns.getSpec().getFinalizers();
        for (String f : finalizers) {
            for (StatusCause c : ObjectMetaValidation.validateFinalizers(List.of(f), "spec.finalizers")) {
                errs.add(c);
            }
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Namespace newObj, Namespace oldObj) {
        nameLabel(newObj);
        newObj.setSpec(oldObj.getSpec());
        newObj.setStatus(oldObj.getStatus());
    }

    @Override
    public List<StatusCause> validateUpdate(Namespace newObj, Namespace oldObj) {
        return validate(newObj);
    }

    @Override
    public void prepareForStatusUpdate(Namespace newObj, Namespace oldObj) {
        nameLabel(newObj);
        newObj.setSpec(oldObj.getSpec());
    }

    /** The phase must agree with whether deletion has begun. */
    @Override
    public List<StatusCause> validateStatusUpdate(Namespace newObj, Namespace oldObj) {
        List<StatusCause> errs = new ArrayList<>();
        String phase = newObj.getStatus() == null ? null : newObj.getStatus().getPhase();
        String deletion = newObj.getMetadata().getDeletionTimestamp();
        if (deletion == null || deletion.isEmpty()) {
            if (!"Active".equals(phase)) {
                errs.add(FieldErrors.forbidden("status.Phase", "may only be 'Active' if `deletionTimestamp` is empty"));
            }
        } else if (!"Terminating".equals(phase)) {
            errs.add(FieldErrors.forbidden("status.Phase", "may only be 'Terminating' if `deletionTimestamp` is not empty"));
        }
        return errs;
    }

    /** Upstream does not track generation for Namespaces. */
    @Override
    public boolean specChanged(Namespace newObj, Namespace oldObj) {
        return false;
    }

    private static void nameLabel(Namespace ns) {
        Map<String, String> labels = ns.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : ns.getMetadata().getLabels();
        labels.put(Labels.METADATA_NAME, ns.getMetadata().getName());
        ns.getMetadata().setLabels(labels);
    }
}
