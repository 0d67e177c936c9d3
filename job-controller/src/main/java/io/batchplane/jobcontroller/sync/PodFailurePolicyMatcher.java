package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;

/**
 * Applies a Job's {@code podFailurePolicy} to one failed pod: the first rule that matches decides.
 * A rule matches on exit codes (a terminated container — regular first, then init — with a non-zero exit code
 * that is In / NotIn the values, optionally only the named container) or on pod conditions (type and status).
 * No rule matching means the failure counts towards the backoff limit as usual.
 */
public final class PodFailurePolicyMatcher {
    public static final String FAIL_JOB = "FailJob";
    public static final String FAIL_INDEX = "FailIndex";
    public static final String IGNORE = "Ignore";
    public static final String COUNT = "Count";

    /**
     * The outcome for one pod.
     *
     * @param action          the matched rule's action, or null when no rule matched
     * @param countsAsFailure whether the failure counts towards backoffLimit / backoffLimitPerIndex
     * @param failJobMessage  with a FailJob action, the message of the Job's failure condition; else null
     */
    public record Match(String action, boolean countsAsFailure, String failJobMessage) {
        static final Match NONE = new Match(null, true, null);
    }

    private PodFailurePolicyMatcher() {
    }

    public static Match match(PodFailurePolicy policy, Pod pod) {
        if (policy == null || policy.getRules() == null) {
            return Match.NONE;
        }
        List<PodFailurePolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            PodFailurePolicyRule rule = rules.get(i);
            String what = null;
            if (rule.getOnExitCodes() != null) {
                ContainerStatus container = matchingContainer(pod.getStatus(), rule.getOnExitCodes());
                if (container != null) {
                    what = "Container " + container.getName() + " for pod " + podKey(pod) + " failed with exit code "
                            + container.getState().getTerminated().getExitCode();
                }
            } else if (rule.getOnPodConditions() != null && !rule.getOnPodConditions().isEmpty()) {
                PodCondition condition = matchingCondition(pod, rule.getOnPodConditions());
                if (condition != null) {
                    what = "Pod " + podKey(pod) + " has condition " + condition.getType();
                }
            }
            if (what == null) {
                continue;
            }
            String action = rule.getAction();
            switch (action == null ? "" : action) {
                case IGNORE:
                    return new Match(IGNORE, false, null);
                case COUNT:
                    return new Match(COUNT, true, null);
                case FAIL_INDEX:
                    return new Match(FAIL_INDEX, true, null);
                case FAIL_JOB:
                    return new Match(FAIL_JOB, true, what + " matching FailJob rule at index " + i);
                default:
                    // An action this controller does not know: the rule is skipped, as upstream skips it.
            }
        }
        return Match.NONE;
    }

    private static String podKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static ContainerStatus matchingContainer(PodStatus status, PodFailurePolicyOnExitCodesRequirement req) {
        if (status == null) {
            return null;
        }
        ContainerStatus found = matchingContainer(status.getContainerStatuses(), req);
        return found != null ? found : matchingContainer(status.getInitContainerStatuses(), req);
    }

    private static ContainerStatus matchingContainer(List<ContainerStatus> statuses, PodFailurePolicyOnExitCodesRequirement req) {
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus cs : statuses) {
            if (cs.getState() == null || cs.getState().getTerminated() == null) {
                continue;
            }
            if (req.getContainerName() != null && !req.getContainerName().equals(cs.getName())) {
                continue;
            }
            Integer exitCode = cs.getState().getTerminated().getExitCode();
            if (exitCode == null || exitCode == 0) {
                continue;
            }
            boolean listed = req.getValues() != null && req.getValues().contains(exitCode);
            boolean in = "In".equals(req.getOperator());
            boolean notIn = "NotIn".equals(req.getOperator());
            if ((in && listed) || (notIn && !listed)) {
                return cs;
            }
        }
        return null;
    }

    private static PodCondition matchingCondition(Pod pod, List<PodFailurePolicyOnPodConditionsPattern> patterns) {
        for (PodCondition condition : PodFacts.conditions(pod)) {
            for (PodFailurePolicyOnPodConditionsPattern pattern : patterns) {
                String wantStatus = pattern.getStatus() == null ? "True" : pattern.getStatus();
                if (condition.getType() != null && condition.getType().equals(pattern.getType())
                        && wantStatus.equals(condition.getStatus())) {
                    return condition;
                }
            }
        }
        return null;
    }
}
