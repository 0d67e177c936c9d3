package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The core/v1 Pod registry rules: defaults and admission defaults on create, status reset to
 * Pending with its QoS class, spec validation, the narrow set of spec changes an update may make
 * ({@link PodUpdateRules}), and a status subresource that cannot touch spec or owner references.
 */
public final class PodStrategy implements ResourceStrategy<Pod> {

    @Override
    public ResourceType type() {
        return ResourceType.PODS;
    }

    @Override
    public Class<Pod> modelClass() {
        return Pod.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(Pod pod) {
        PodDefaults.applyPod(pod);
        PodDefaults.applyPodAdmission(pod);
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        status.setQosClass(qosClass(pod.getSpec()));
        pod.setStatus(status);
    }

    @Override
    public List<StatusCause> validate(Pod pod) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        List<StatusCause> errs = PodSpecValidation.validate(spec, "spec");
        if (spec.getEphemeralContainers() != null && !spec.getEphemeralContainers().isEmpty()) {
            errs.add(FieldErrors.forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Pod newPod, Pod oldPod) {
        PodDefaults.applyPod(newPod);
        newPod.setStatus(oldPod.getStatus());
    }

    @Override
    public List<StatusCause> validateUpdate(Pod newPod, Pod oldPod) {
        PodSpec spec = newPod.getSpec() == null ? new PodSpec() : newPod.getSpec();
        List<StatusCause> errs = PodSpecValidation.validate(spec, "spec");
        errs.addAll(PodUpdateRules.validate(spec, oldPod.getSpec()));
        return errs;
    }

    @Override
    public void prepareForStatusUpdate(Pod newPod, Pod oldPod) {
        newPod.setSpec(oldPod.getSpec());
        List<OwnerReference> refs = oldPod.getMetadata().getOwnerReferences();
        newPod.getMetadata().setOwnerReferences(refs == null ? null : new ArrayList<>(refs));
        if (newPod.getStatus() != null && oldPod.getStatus() != null && oldPod.getStatus().getQosClass() != null
                && newPod.getStatus().getQosClass() == null) {
            newPod.getStatus().setQosClass(oldPod.getStatus().getQosClass());
        }
    }

    @Override
    public List<StatusCause> validateStatusUpdate(Pod newPod, Pod oldPod) {
        List<StatusCause> errs = new ArrayList<>();
        PodStatus status = newPod.getStatus() == null ? new PodStatus() : newPod.getStatus();
        for (int i = 0; status.getConditions() != null && i < status.getConditions().size(); i++) {
            String type = status.getConditions().get(i).getType();
            for (String msg : NameRules.qualifiedName(type == null ? "" : type)) {
                errs.add(FieldErrors.invalid("status.conditions[" + i + "].type", type, msg));
            }
        }
        String nominated = status.getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty()) {
            for (String msg : NameRules.dns1123Subdomain(nominated)) {
                errs.add(FieldErrors.invalid("status.nominatedNodeName", nominated, msg));
            }
        }
        return errs;
    }

    @Override
    public boolean specChanged(Pod newPod, Pod oldPod) {
        return !Copies.sameJson(newPod.getSpec(), oldPod.getSpec());
    }

    /**
     * BestEffort when no container requests or limits anything; Guaranteed when every container
     * limits CPU and memory and requests exactly its limits; Burstable otherwise.
     */
    static String qosClass(PodSpec spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : PodDefaults.containers(spec)) {
            Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> lim = c.getResources() == null ? null : c.getResources().getLimits();
            req = req == null ? Map.of() : req;
            lim = lim == null ? Map.of() : lim;
            any |= hasComputeResource(req) || hasComputeResource(lim);
            for (String r : List.of("cpu", "memory")) {
                Quantity l = lim.get(r);
                Quantity q = req.get(r);
                if (l == null || q == null || l.getNumericalAmount().compareTo(q.getNumericalAmount()) != 0) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static boolean hasComputeResource(Map<String, Quantity> m) {
        return m.containsKey("cpu") || m.containsKey("memory");
    }
}
