package io.batchplane.ttlcontroller.sync;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The TTL-after-finished rule, as upstream: a Job that has finished (condition {@code Complete} or
 * {@code Failed} with status True) and sets {@code spec.ttlSecondsAfterFinished} expires that many
 * seconds after the finishing condition's {@code lastTransitionTime}. {@code 0} means at once; unset
 * means never; a Job already being deleted is left alone. The decision reads only the Job passed in,
 * so the caller applies it twice: once to the cached Job to schedule, and again to a Job freshly read
 * from the API server just before deleting, so that a TTL changed after the Job finished is honoured.
 */
public final class TtlPolicy {

    private TtlPolicy() {
    }

    public static TtlDecision decide(Job job, Instant now) {
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return new TtlDecision.Ignore("being deleted");
        }
        Integer ttl = job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null) {
            return new TtlDecision.Ignore("no ttlSecondsAfterFinished");
        }
        Optional<JobCondition> finished = finishCondition(job);
        if (finished.isEmpty()) {
            return new TtlDecision.Ignore("not finished");
        }
        String at = finished.get().getLastTransitionTime();
        if (at == null || at.isEmpty()) {
            return new TtlDecision.Invalid("unable to find the time when the Job " + job.getMetadata().getNamespace() + "/"
                    + job.getMetadata().getName() + " finished");
        }
        Instant expireAt = OffsetDateTime.parse(at).toInstant().plusSeconds(ttl);
        Duration remaining = Duration.between(now, expireAt);
        if (remaining.isNegative() || remaining.isZero()) {
            return new TtlDecision.Delete(expireAt);
        }
        return new TtlDecision.CheckAgain(remaining);
    }

    /** Whether the Job has finished and sets a TTL: the Jobs this controller watches over. */
    public static boolean needsCleanup(Job job) {
        return job.getSpec() != null && job.getSpec().getTtlSecondsAfterFinished() != null && finishCondition(job).isPresent();
    }

    private static Optional<JobCondition> finishCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
