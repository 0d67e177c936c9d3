package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation of a Job's policies: {@code podFailurePolicy}, {@code successPolicy} and
 * {@code podReplacementPolicy}, with upstream's limits (20 rules, 255 exit codes, 20 condition
 * patterns, 64 KiB of succeededIndexes) and messages.
 */
final class JobPolicyValidation {

    static final int MAX_POD_FAILURE_POLICY_RULES = 20;
    static final int MAX_EXIT_CODE_VALUES = 255;
    static final int MAX_CONDITION_PATTERNS = 20;
    static final int MAX_SUCCESS_POLICY_RULES = 20;
    static final int MAX_SUCCEEDED_INDEXES_BYTES = 64 * 1024;

    private static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
    private static final List<String> OPERATORS = List.of("In", "NotIn");
    private static final List<String> STATUSES = List.of("False", "True", "Unknown");
    private static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");

    private JobPolicyValidation() {
    }

    static List<StatusCause> podFailurePolicy(JobSpec spec, String path) {
        List<StatusCause> errs = new ArrayList<>();
        List<PodFailurePolicyRule> rules = list(spec.getPodFailurePolicy().getRules());
        if (rules.size() > MAX_POD_FAILURE_POLICY_RULES) {
            errs.add(FieldErrors.tooMany(path + ".rules", rules.size(), MAX_POD_FAILURE_POLICY_RULES));
        }
        Set<String> containerNames = new HashSet<>();
        for (Container c : PodDefaults.containers(spec.getTemplate().getSpec())) {
            containerNames.add(c.getName());
        }
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(rule(spec, rules.get(i), path + ".rules[" + i + "]", containerNames));
        }
        return errs;
    }

    private static List<StatusCause> rule(JobSpec spec, PodFailurePolicyRule rule, String path, Set<String> containers) {
        List<StatusCause> errs = new ArrayList<>();
        String action = rule.getAction() == null ? "" : rule.getAction();
        if (action.isEmpty()) {
            errs.add(FieldErrors.required(path + ".action", "valid values: " + goList(ACTIONS)));
        } else if ("FailIndex".equals(action)) {
            if (spec.getBackoffLimitPerIndex() == null) {
                errs.add(FieldErrors.invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set"));
            }
        } else if (!ACTIONS.contains(action)) {
            errs.add(FieldErrors.notSupported(path + ".action", action, ACTIONS));
        }
        PodFailurePolicyOnExitCodesRequirement onExit = rule.getOnExitCodes();
        List<PodFailurePolicyOnPodConditionsPattern> onConditions = list(rule.getOnPodConditions());
        if (onExit != null) {
            errs.addAll(onExitCodes(onExit, path + ".onExitCodes", containers));
        }
        if (!onConditions.isEmpty()) {
            errs.addAll(onPodConditions(onConditions, path + ".onPodConditions"));
        }
        if (onExit != null && !onConditions.isEmpty()) {
            errs.add(FieldErrors.invalidOmitValue(path, "specifying both OnExitCodes and OnPodConditions is not supported"));
        }
        if (onExit == null && onConditions.isEmpty()) {
            errs.add(FieldErrors.invalidOmitValue(path, "specifying one of OnExitCodes and OnPodConditions is required"));
        }
        return errs;
    }

    private static List<StatusCause> onExitCodes(PodFailurePolicyOnExitCodesRequirement req, String path,
            Set<String> containers) {
        List<StatusCause> errs = new ArrayList<>();
        String op = req.getOperator() == null ? "" : req.getOperator();
        if (op.isEmpty()) {
            errs.add(FieldErrors.required(path + ".operator", "valid values: " + goList(OPERATORS)));
        } else if (!OPERATORS.contains(op)) {
            errs.add(FieldErrors.notSupported(path + ".operator", op, OPERATORS));
        }
        if (req.getContainerName() != null && !containers.contains(req.getContainerName())) {
            errs.add(FieldErrors.invalid(path + ".containerName", req.getContainerName(),
                    "must be one of the container or initContainer names in the pod template"));
        }
        List<Integer> values = list(req.getValues());
        String valuesPath = path + ".values";
        if (values.isEmpty()) {
            errs.add(FieldErrors.invalid(valuesPath, values, "at least one value is required"));
        } else if (values.size() > MAX_EXIT_CODE_VALUES) {
            errs.add(FieldErrors.tooMany(valuesPath, values.size(), MAX_EXIT_CODE_VALUES));
        }
        boolean ordered = true;
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < values.size(); j++) {
            int v = values.get(j) == null ? 0 : values.get(j);
            if ("In".equals(op) && v == 0) {
                errs.add(FieldErrors.invalid(valuesPath + "[" + j + "]", v, "must not be 0 for the In operator"));
            }
            if (!seen.add(v)) {
                errs.add(FieldErrors.duplicate(valuesPath + "[" + j + "]", v));
            }
            if (j > 0 && values.get(j - 1) != null && values.get(j - 1) > v) {
                ordered = false;
            }
        }
        if (!ordered) {
            errs.add(FieldErrors.invalid(valuesPath, values, "must be ordered"));
        }
        return errs;
    }

    private static List<StatusCause> onPodConditions(List<PodFailurePolicyOnPodConditionsPattern> patterns, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (patterns.size() > MAX_CONDITION_PATTERNS) {
            errs.add(FieldErrors.tooMany(path, patterns.size(), MAX_CONDITION_PATTERNS));
        }
        for (int j = 0; j < patterns.size(); j++) {
            PodFailurePolicyOnPodConditionsPattern p = patterns.get(j);
            String type = p.getType() == null ? "" : p.getType();
            for (String msg : NameRules.qualifiedName(type)) {
                errs.add(FieldErrors.invalid(path + "[" + j + "].type", type, msg));
            }
            String status = p.getStatus() == null ? "" : p.getStatus();
            if (status.isEmpty()) {
                errs.add(FieldErrors.required(path + "[" + j + "].status", "valid values: " + goList(STATUSES)));
            } else if (!STATUSES.contains(status)) {
                errs.add(FieldErrors.notSupported(path + "[" + j + "].status", status, STATUSES));
            }
        }
        return errs;
    }

    /** Validates successPolicy of an Indexed Job whose completions are set. */
    static List<StatusCause> successPolicy(JobSpec spec, String path) {
        List<StatusCause> errs = new ArrayList<>();
        List<SuccessPolicyRule> rules = list(spec.getSuccessPolicy().getRules());
        String rulesPath = path + ".rules";
        if (rules.isEmpty()) {
            errs.add(FieldErrors.required(rulesPath,
                    "at least one rules must be specified when the successPolicy is specified"));
        }
        if (rules.size() > MAX_SUCCESS_POLICY_RULES) {
            errs.add(FieldErrors.tooMany(rulesPath, rules.size(), MAX_SUCCESS_POLICY_RULES));
        }
        int completions = spec.getCompletions();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            String p = rulesPath + "[" + i + "]";
            if (rule.getSucceededCount() == null && rule.getSucceededIndexes() == null) {
                errs.add(FieldErrors.required(p, "at least one of succeededCount or succeededIndexes must be specified"));
            }
            int total = 0;
            if (rule.getSucceededIndexes() != null) {
                String indexes = rule.getSucceededIndexes();
                if (indexes.getBytes(StandardCharsets.UTF_8).length > MAX_SUCCEEDED_INDEXES_BYTES) {
                    errs.add(FieldErrors.tooLong(p + ".succeededIndexes", MAX_SUCCEEDED_INDEXES_BYTES));
                }
                try {
                    total = IndexIntervals.count(indexes, completions);
                } catch (IndexIntervals.FormatException e) {
                    errs.add(FieldErrors.invalid(p + ".succeededIndexes", indexes,
                            "error parsing succeededIndexes: " + e.getMessage()));
                }
            }
            Integer count = rule.getSucceededCount();
            if (count != null) {
                String cp = p + ".succeededCount";
                if (count < 0) {
                    errs.add(FieldErrors.nonNegative(cp, count));
                }
                if (count > completions) {
                    errs.add(FieldErrors.invalid(cp, count, "must be less than or equal to " + completions
                            + " (the number of specified completions)"));
                }
                if (rule.getSucceededIndexes() != null && count > total) {
                    errs.add(FieldErrors.invalid(cp, count, "must be less than or equal to " + total
                            + " (the number of indexes in the specified succeededIndexes field)"));
                }
            }
        }
        return errs;
    }

    static List<StatusCause> podReplacementPolicy(JobSpec spec, String path) {
        List<StatusCause> errs = new ArrayList<>();
        String policy = spec.getPodReplacementPolicy();
        if (policy == null) {
            return errs;
        }
        if (spec.getPodFailurePolicy() != null) {
            if (!"Failed".equals(policy)) {
                errs.add(FieldErrors.notSupported(path, policy, List.of("Failed")));
            }
        } else if (!REPLACEMENT_POLICIES.contains(policy)) {
            errs.add(FieldErrors.notSupported(path, policy, REPLACEMENT_POLICIES));
        }
        return errs;
    }

    private static <E> List<E> list(List<E> l) {
        return l == null ? List.of() : l;
    }

    /** Formats a list as Go's {@code %q} prints a string slice: {@code ["A" "B"]}. */
    static String goList(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? " " : "").append(FieldErrors.quote(values.get(i)));
        }
        return sb.append(']').toString();
    }
}
