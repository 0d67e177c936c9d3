package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation of a batch/v1 JobSpec as upstream's {@code validateJobSpec} does it: counts and
 * deadlines, Indexed-mode limits, per-index backoff, managedBy, the policies, the pod template, and
 * the restart policy a Job's pods must have. Shared by Jobs ({@code spec}) and CronJob templates
 * ({@code spec.jobTemplate.spec}); selector rules live with the Job itself.
 */
public final class JobSpecValidation {

    static final int MAX_PARALLELISM_INDEXED = 100_000;
    static final int MAX_FAILED_INDEXES = 100_000;
    static final int COMPLETIONS_SOFT_LIMIT = 100_000;
    static final int PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
    static final int MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
    static final int MAX_MANAGED_BY_LENGTH = 63;
    private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");

    private JobSpecValidation() {
    }

    public static List<StatusCause> validate(JobSpec spec, String path) {
        List<StatusCause> errs = new ArrayList<>();
        nonNegative(errs, path + ".parallelism", spec.getParallelism());
        nonNegative(errs, path + ".completions", spec.getCompletions());
        nonNegative(errs, path + ".activeDeadlineSeconds", spec.getActiveDeadlineSeconds());
        nonNegative(errs, path + ".backoffLimit", spec.getBackoffLimit());
        nonNegative(errs, path + ".ttlSecondsAfterFinished", spec.getTtlSecondsAfterFinished());
        boolean indexed = "Indexed".equals(spec.getCompletionMode());
        if (spec.getBackoffLimitPerIndex() != null) {
            nonNegative(errs, path + ".backoffLimitPerIndex", spec.getBackoffLimitPerIndex());
            if (!indexed) {
                errs.add(FieldErrors.invalid(path + ".backoffLimitPerIndex", spec.getBackoffLimitPerIndex(),
                        "requires indexed completion mode"));
            }
        }
        if (spec.getMaxFailedIndexes() != null) {
            nonNegative(errs, path + ".maxFailedIndexes", spec.getMaxFailedIndexes());
            if (spec.getBackoffLimitPerIndex() == null) {
                errs.add(FieldErrors.required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
            }
        }
        if (spec.getManagedBy() != null) {
            for (String msg : NameRules.domainPrefixedPath(spec.getManagedBy())) {
                errs.add(FieldErrors.invalid(path + ".managedBy", spec.getManagedBy(), msg));
            }
            if (spec.getManagedBy().length() > MAX_MANAGED_BY_LENGTH) {
                errs.add(FieldErrors.tooLongMaxLength(path + ".managedBy", MAX_MANAGED_BY_LENGTH));
            }
        }
        if (spec.getCompletionMode() != null) {
            if (!COMPLETION_MODES.contains(spec.getCompletionMode())) {
                errs.add(FieldErrors.notSupported(path + ".completionMode", spec.getCompletionMode(), COMPLETION_MODES));
            }
            if (indexed) {
                indexedLimits(spec, path, errs);
            }
        }
        if (spec.getSuccessPolicy() != null) {
            if (!indexed) {
                errs.add(FieldErrors.invalid(path + ".successPolicy", spec.getSuccessPolicy(),
                        "requires indexed completion mode"));
            } else if (spec.getCompletions() != null) {
                errs.addAll(JobPolicyValidation.successPolicy(spec, path + ".successPolicy"));
            }
        }
        JobDefaults.template(spec);
        errs.addAll(PodSpecValidation.validateTemplate(spec.getTemplate(), path + ".template"));
        String restart = spec.getTemplate().getSpec().getRestartPolicy();
        String restartPath = path + ".template.spec.restartPolicy";
        if (restart == null || restart.isEmpty() || "Always".equals(restart)) {
            errs.add(FieldErrors.required(restartPath, "valid values: \"OnFailure\", \"Never\""));
        } else if (!"OnFailure".equals(restart) && !"Never".equals(restart)) {
            errs.add(FieldErrors.notSupported(restartPath, restart, List.of("OnFailure", "Never")));
        } else if (spec.getPodFailurePolicy() != null) {
            errs.addAll(JobPolicyValidation.podFailurePolicy(spec, path + ".podFailurePolicy"));
        }
        if (spec.getPodFailurePolicy() != null && !"Never".equals(restart)) {
            errs.add(FieldErrors.invalid(restartPath, restart,
                    "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        errs.addAll(JobPolicyValidation.podReplacementPolicy(spec, path + ".podReplacementPolicy"));
        return errs;
    }

    private static void indexedLimits(JobSpec spec, String path, List<StatusCause> errs) {
        Integer completions = spec.getCompletions();
        Integer parallelism = spec.getParallelism();
        Integer maxFailed = spec.getMaxFailedIndexes();
        if (completions == null) {
            errs.add(FieldErrors.required(path + ".completions", "when completion mode is Indexed"));
        }
        if (parallelism != null && parallelism > MAX_PARALLELISM_INDEXED) {
            errs.add(FieldErrors.invalid(path + ".parallelism", parallelism, "must be less than or equal to "
                    + MAX_PARALLELISM_INDEXED + " when completion mode is Indexed"));
        }
        if (completions != null && maxFailed != null && maxFailed > completions) {
            errs.add(FieldErrors.invalid(path + ".maxFailedIndexes", maxFailed,
                    "must be less than or equal to completions"));
        }
        if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES) {
            errs.add(FieldErrors.invalid(path + ".maxFailedIndexes", maxFailed,
                    "must be less than or equal to " + MAX_FAILED_INDEXES));
        }
        if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && spec.getBackoffLimitPerIndex() != null) {
            String high = " when completions are above " + COMPLETIONS_SOFT_LIMIT + " and used with backoff limit per index";
            if (maxFailed == null) {
                errs.add(FieldErrors.required(path + ".maxFailedIndexes",
                        "must be specified when completions is above " + COMPLETIONS_SOFT_LIMIT));
            } else if (maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
                errs.add(FieldErrors.invalid(path + ".maxFailedIndexes", maxFailed,
                        "must be less than or equal to " + MAX_FAILED_INDEXES_HIGH_COMPLETIONS + high));
            }
            if (parallelism != null && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
                errs.add(FieldErrors.invalid(path + ".parallelism", parallelism,
                        "must be less than or equal to " + PARALLELISM_LIMIT_HIGH_COMPLETIONS + high));
            }
        }
    }

    private static void nonNegative(List<StatusCause> errs, String path, Number value) {
        if (value != null && value.longValue() < 0) {
            errs.add(FieldErrors.nonNegative(path, value.longValue()));
        }
    }
}
