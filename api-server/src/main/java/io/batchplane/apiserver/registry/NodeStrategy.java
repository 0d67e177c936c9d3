package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The core/v1 Node registry rules. A node agent registers its Node with status, so create keeps
 * status (defaulting allocatable to capacity); spec validation covers taints and pod CIDRs, and
 * podCIDRs and providerID may only go from unset to set.
 */
public final class NodeStrategy implements ResourceStrategy<Node> {

    private static final List<String> TAINT_EFFECTS = List.of("NoExecute", "NoSchedule", "PreferNoSchedule");

    @Override
    public ResourceType type() {
        return ResourceType.NODES;
    }

    @Override
    public Class<Node> modelClass() {
        return Node.class;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(Node node) {
        defaults(node);
    }

    @Override
    public List<StatusCause> validate(Node node) {
        List<StatusCause> errs = new ArrayList<>();
        NodeSpec spec = node.getSpec() == null ? new NodeSpec() : node.getSpec();
        List<Taint> taints = spec.getTaints() == null ? List.of() : spec.getTaints();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            String p = "spec.taints[" + i + "]";
            String key = t.getKey() == null ? "" : t.getKey();
            for (String msg : NameRules.qualifiedName(key)) {
                errs.add(FieldErrors.invalid(p + ".key", key, msg));
            }
            if (t.getValue() != null) {
                for (String msg : NameRules.labelValue(t.getValue())) {
                    errs.add(FieldErrors.invalid(p + ".value", t.getValue(), msg));
                }
            }
            String effect = t.getEffect() == null ? "" : t.getEffect();
            if (effect.isEmpty()) {
                errs.add(FieldErrors.required(p + ".effect", ""));
            } else if (!TAINT_EFFECTS.contains(effect)) {
                errs.add(FieldErrors.notSupported(p + ".effect", effect, TAINT_EFFECTS));
            }
            if (!seen.add(key + "\u0000" + effect)) {
                errs.add(FieldErrors.duplicate(p, key + ":" + effect));
            }
        }
        List<String> cidrs = spec.getPodCIDRs() == null ? List.of() : spec.getPodCIDRs();
        for (int i = 0; i < cidrs.size(); i++) {
            if (!isCidr(cidrs.get(i))) {
                errs.add(FieldErrors.invalid("spec.podCIDRs[" + i + "]", cidrs.get(i), "must be a valid CIDR"));
            }
        }
        if (cidrs.size() > 2) {
            errs.add(FieldErrors.invalid("spec.podCIDRs", cidrs, "may specify no more than one CIDR for each IP family"));
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(Node newObj, Node oldObj) {
        newObj.setStatus(oldObj.getStatus());
    }

    @Override
    public List<StatusCause> validateUpdate(Node newObj, Node oldObj) {
        List<StatusCause> errs = validate(newObj);
        NodeSpec spec = newObj.getSpec() == null ? new NodeSpec() : newObj.getSpec();
        NodeSpec old = oldObj.getSpec() == null ? new NodeSpec() : oldObj.getSpec();
        List<String> oldCidrs = old.getPodCIDRs() == null ? List.of() : old.getPodCIDRs();
        if (!oldCidrs.isEmpty() && !Objects.equals(oldCidrs, spec.getPodCIDRs())) {
            errs.add(FieldErrors.forbidden("spec.podCIDRs",
                    "node updates may not change podCIDR except from \"\" to valid"));
        }
        if (old.getProviderID() != null && !old.getProviderID().isEmpty()
                && !old.getProviderID().equals(spec.getProviderID())) {
            errs.add(FieldErrors.forbidden("spec.providerID",
                    "node updates may not change providerID except from \"\" to valid"));
        }
        return errs;
    }

    @Override
    public void prepareForStatusUpdate(Node newObj, Node oldObj) {
        newObj.setSpec(oldObj.getSpec());
        defaults(newObj);
    }

    @Override
    public List<StatusCause> validateStatusUpdate(Node newObj, Node oldObj) {
        return new ArrayList<>();
    }

    /** Upstream does not track generation for Nodes. */
    @Override
    public boolean specChanged(Node newObj, Node oldObj) {
        return false;
    }

    private static void defaults(Node node) {
        NodeStatus status = node.getStatus();
        if (status != null && status.getCapacity() != null && !status.getCapacity().isEmpty()
                && (status.getAllocatable() == null || status.getAllocatable().isEmpty())) {
            status.setAllocatable(new LinkedHashMap<>(status.getCapacity()));
        }
    }

    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        int bits;
        try {
            bits = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (ip.contains(":")) {
            return ip.matches("[0-9a-fA-F:.]+") && bits >= 0 && bits <= 128;
        }
        String[] octets = ip.split("\\.", -1);
        if (octets.length != 4 || bits < 0 || bits > 32) {
            return false;
        }
        for (String o : octets) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
