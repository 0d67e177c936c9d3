package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure edits of a pod's status conditions. A condition is replaced in place; its
 * {@code lastTransitionTime} moves only when its status changes, as Kubernetes components keep it.
 */
public final class PodConditions {

    public static final String REASON_UNSCHEDULABLE = "Unschedulable";

    private PodConditions() {
    }

    public static Optional<PodCondition> find(Pod pod, String type) {
        List<PodCondition> conds = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conds == null ? Optional.empty() : conds.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether the pod already carries exactly this condition (type, status, reason and message). */
    public static boolean has(Pod pod, String type, String status, String reason, String message) {
        return find(pod, type).filter(c -> status.equals(c.getStatus()) && Objects.equals(reason, c.getReason())
                && Objects.equals(message, c.getMessage())).isPresent();
    }

    /** A copy of {@code pod} with condition {@code type} set as given (other conditions untouched). */
    public static Pod with(Pod pod, String type, String status, String reason, String message, Instant now) {
        String at = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Optional<PodCondition> old = find(pod, type);
        String transition = old.filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(PodCondition::getLastTransitionTime).orElse(at);
        PodCondition cond = new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(transition).withLastProbeTime(null).build();
        List<PodCondition> conds = new ArrayList<>();
        boolean replaced = false;
        List<PodCondition> current = pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
        for (PodCondition c : current) {
            if (type.equals(c.getType())) {
                conds.add(cond);
                replaced = true;
            } else {
                conds.add(c);
            }
        }
        if (!replaced) {
            conds.add(cond);
        }
        return new PodBuilder(pod).editOrNewStatus().withConditions(conds).endStatus().build();
    }
}
