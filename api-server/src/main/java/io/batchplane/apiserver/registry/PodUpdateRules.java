package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a pod update may change in its spec, as upstream's {@code ValidatePodUpdate}: container and
 * init-container images, activeDeadlineSeconds (set, or lowered), tolerations (additions, and the
 * tolerationSeconds of existing ones), schedulingGates (removals), and terminationGracePeriodSeconds
 * from a negative value to 1. Everything else, nodeName included (set only through a binding), is
 * frozen once the pod exists.
 */
final class PodUpdateRules {

    static final String FROZEN_MESSAGE = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
            + "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
            + "previously negative)";

    private PodUpdateRules() {
    }

    static List<StatusCause> validate(PodSpec spec, PodSpec old) {
        List<StatusCause> errs = new ArrayList<>();
        if (!containerCountsKept(spec.getContainers(), old.getContainers(), "spec.containers", errs)
                || !containerCountsKept(spec.getInitContainers(), old.getInitContainers(), "spec.initContainers", errs)) {
            return errs;
        }
        Long deadline = spec.getActiveDeadlineSeconds();
        Long oldDeadline = old.getActiveDeadlineSeconds();
        if (deadline != null) {
            if (deadline < 0 || deadline > Integer.MAX_VALUE) {
                errs.add(FieldErrors.invalid("spec.activeDeadlineSeconds", deadline,
                        "must be between 0 and " + Integer.MAX_VALUE + ", inclusive"));
                return errs;
            }
            if (oldDeadline != null && oldDeadline < deadline) {
                errs.add(FieldErrors.invalid("spec.activeDeadlineSeconds", deadline,
                        "must be less than or equal to previous value"));
                return errs;
            }
        } else if (oldDeadline != null) {
            errs.add(FieldErrors.invalid("spec.activeDeadlineSeconds", null,
                    "must not update from a positive integer to nil value"));
        }
        errs.addAll(onlyAddedTolerations(spec.getTolerations(), old.getTolerations()));
        errs.addAll(onlyDeletedGates(spec.getSchedulingGates(), old.getSchedulingGates()));

        if (!spec.equals(old) && !onlyMutableFieldsDiffer(spec, old)) {
            errs.add(FieldErrors.forbidden("spec", FROZEN_MESSAGE));
        }
        return errs;
    }

    /**
     * Whether {@code spec} equals {@code old} once the fields an update may change are set back to
     * their old values (on a copy). Skipped when the two are equal, as they are in most pod updates
     * (a finalizer or a label changes, not the spec), since the JSON copy is the costly part.
     */
    private static boolean onlyMutableFieldsDiffer(PodSpec spec, PodSpec old) {
        PodSpec munged = Copies.deepCopy(spec, PodSpec.class);
        copyImages(munged.getContainers(), old.getContainers());
        copyImages(munged.getInitContainers(), old.getInitContainers());
        munged.setActiveDeadlineSeconds(old.getActiveDeadlineSeconds());
        munged.setTolerations(old.getTolerations());
        munged.setSchedulingGates(old.getSchedulingGates());
        Long grace = old.getTerminationGracePeriodSeconds();
        if (grace != null && grace < 0 && Objects.equals(munged.getTerminationGracePeriodSeconds(), 1L)) {
            munged.setTerminationGracePeriodSeconds(grace);
        }
        return Copies.sameJson(munged, old);
    }

    private static boolean containerCountsKept(List<Container> containers, List<Container> old, String path,
            List<StatusCause> errs) {
        int n = containers == null ? 0 : containers.size();
        int m = old == null ? 0 : old.size();
        if (n != m) {
            errs.add(FieldErrors.forbidden(path, "pod updates may not add or remove containers"));
            return false;
        }
        for (int i = 0; i < n; i++) {
            String image = containers.get(i).getImage();
            if (image == null || image.isEmpty()) {
                errs.add(FieldErrors.required(path + "[" + i + "].image", ""));
            }
        }
        return true;
    }

    private static void copyImages(List<Container> target, List<Container> old) {
        for (int i = 0; target != null && i < target.size(); i++) {
            target.get(i).setImage(old.get(i).getImage());
        }
    }

    private static List<StatusCause> onlyAddedTolerations(List<Toleration> tolerations, List<Toleration> old) {
        List<StatusCause> errs = new ArrayList<>();
        List<Toleration> current = tolerations == null ? List.of() : tolerations;
        for (Toleration o : old == null ? List.<Toleration>of() : old) {
            boolean found = current.stream().anyMatch(t -> sameExceptSeconds(o, t));
            if (!found) {
                errs.add(FieldErrors.forbidden("spec.tolerations",
                        "existing toleration can not be modified except its tolerationSeconds"));
                return errs;
            }
        }
        errs.addAll(PodSpecValidation.validateTolerations(tolerations, "spec.tolerations"));
        return errs;
    }

    private static boolean sameExceptSeconds(Toleration a, Toleration b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getOperator(), b.getOperator())
                && Objects.equals(a.getValue(), b.getValue()) && Objects.equals(a.getEffect(), b.getEffect());
    }

    private static List<StatusCause> onlyDeletedGates(List<PodSchedulingGate> gates, List<PodSchedulingGate> old) {
        List<StatusCause> errs = new ArrayList<>();
        Set<String> oldNames = new HashSet<>();
        for (PodSchedulingGate g : old == null ? List.<PodSchedulingGate>of() : old) {
            oldNames.add(g.getName());
        }
        for (PodSchedulingGate g : gates == null ? List.<PodSchedulingGate>of() : gates) {
            if (!oldNames.contains(g.getName())) {
                errs.add(FieldErrors.forbidden("spec.schedulingGates",
                        "only deletion is allowed, but found new scheduling gate '" + g.getName() + "'"));
            }
        }
        return errs;
    }
}
