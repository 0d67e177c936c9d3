package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether tolerations cover taints, with Kubernetes' matching rules:
 * <ul>
 * <li>an empty toleration effect matches every effect, otherwise the effects must be equal;</li>
 * <li>an empty key with operator {@code Exists} matches every taint; otherwise the keys must be equal;</li>
 * <li>operator {@code Exists} ignores the value; {@code Equal} (also the default when empty) requires
 * equal values.</li>
 * </ul>
 * {@code tolerationSeconds} does not matter here: it only bounds how long an already running pod
 * stays on a node with a {@code NoExecute} taint (see the taint eviction rules).
 */
public final class Tolerations {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private Tolerations() {
    }

    /** Whether {@code toleration} tolerates {@code taint}. */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = toleration.getEffect();
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
            return false;
        }
        String key = nz(toleration.getKey());
        String op = nz(toleration.getOperator());
        if (key.isEmpty()) {
            return "Exists".equals(op);
        }
        if (!key.equals(taint.getKey())) {
            return false;
        }
        return switch (op) {
            case "Exists" -> true;
            case "", "Equal" -> nz(toleration.getValue()).equals(nz(taint.getValue()));
            default -> false;
        };
    }

    /** Whether any of {@code tolerations} tolerates {@code taint}. */
    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        return tolerations != null && tolerations.stream().anyMatch(t -> tolerates(t, taint));
    }

    /** The first taint (in node order) that passes {@code filter} and none of the tolerations tolerates. */
    public static Optional<Taint> firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> filter) {
        if (taints == null || taints.isEmpty()) {
            return Optional.empty();
        }
        return taints.stream().filter(filter).filter(t -> !tolerated(tolerations, t)).findFirst();
    }

    /** Taints that keep new pods off a node: {@code NoSchedule} and {@code NoExecute}. */
    public static boolean blocksScheduling(Taint t) {
        return NO_SCHEDULE.equals(t.getEffect()) || NO_EXECUTE.equals(t.getEffect());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
