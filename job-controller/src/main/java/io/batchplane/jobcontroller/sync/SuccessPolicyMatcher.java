package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an Indexed Job's {@code successPolicy} is met by its succeeded indexes. Rules are tried in order;
 * a rule with {@code succeededIndexes} needs all of those indexes (or, with {@code succeededCount}, that many of
 * them) to have succeeded; a rule with only {@code succeededCount} needs that many succeeded indexes overall.
 * A rule whose index text does not parse (or names no index below completions) never matches.
 */
public final class SuccessPolicyMatcher {
    private SuccessPolicyMatcher() {
    }

    /** The message of the SuccessCriteriaMet condition ("Matched rules at index N") when a rule is met. */
    public static Optional<String> match(SuccessPolicy policy, int completions, IndexIntervals succeeded) {
        if (policy == null || policy.getRules() == null || succeeded.isEmpty()) {
            return Optional.empty();
        }
        List<SuccessPolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            Integer count = rule.getSucceededCount();
            boolean met;
            if (rule.getSucceededIndexes() != null) {
                IndexIntervals required = IndexIntervals.parse(rule.getSucceededIndexes(), completions);
                if (required.isEmpty()) {
                    continue;
                }
                long have = required.toList().stream().filter(succeeded::has).count();
                met = count == null ? have == required.total() : have >= count;
            } else {
                met = count != null && succeeded.total() >= count;
            }
            if (met) {
                return Optional.of("Matched rules at index " + i);
            }
        }
        return Optional.empty();
    }
}
