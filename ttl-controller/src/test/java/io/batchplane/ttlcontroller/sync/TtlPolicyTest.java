package io.batchplane.ttlcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a finished Job's TTL expires, and which Jobs are none of this controller's business. */
class TtlPolicyTest {

    private static final String FINISHED = "2026-01-01T10:00:00Z";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(String name, Job job, String now, TtlDecision expected, boolean needsCleanup) {
        assertEquals(expected, TtlPolicy.decide(job, Instant.parse(now)));
        assertEquals(needsCleanup, TtlPolicy.needsCleanup(job));
    }

    static Stream<Arguments> cases() {
        Instant finished = Instant.parse(FINISHED);
        return Stream.of(
                Arguments.of("ttl 0: deleted at once", job(0, "Complete", "True", FINISHED), "2026-01-01T10:00:00Z",
                        new TtlDecision.Delete(finished), true),
                Arguments.of("ttl 100, 40 s after finishing: check again in 60 s", job(100, "Complete", "True", FINISHED),
                        "2026-01-01T10:00:40Z", new TtlDecision.CheckAgain(Duration.ofSeconds(60)), true),
                Arguments.of("ttl 100, sub-second precision kept", job(100, "Complete", "True", FINISHED),
                        "2026-01-01T10:00:40.250Z", new TtlDecision.CheckAgain(Duration.parse("PT59.75S")), true),
                Arguments.of("ttl 100, exactly at expiry: deleted", job(100, "Complete", "True", FINISHED),
                        "2026-01-01T10:01:40Z", new TtlDecision.Delete(finished.plusSeconds(100)), true),
                Arguments.of("ttl 100, long past expiry: deleted", job(100, "Complete", "True", FINISHED),
                        "2026-01-02T00:00:00Z", new TtlDecision.Delete(finished.plusSeconds(100)), true),
                Arguments.of("failed Jobs expire too", job(30, "Failed", "True", FINISHED), "2026-01-01T10:00:31Z",
                        new TtlDecision.Delete(finished.plusSeconds(30)), true),
                Arguments.of("TTL raised after finishing: the new TTL counts", job(3600, "Complete", "True", FINISHED),
                        "2026-01-01T10:01:40Z", new TtlDecision.CheckAgain(Duration.ofSeconds(3500)), true),
                Arguments.of("TTL lowered after finishing: already expired", job(10, "Complete", "True", FINISHED),
                        "2026-01-01T10:01:40Z", new TtlDecision.Delete(finished.plusSeconds(10)), true),
                Arguments.of("finish time in the future (clock skew): waits the full TTL from it",
                        job(60, "Complete", "True", "2026-01-01T10:05:00Z"), "2026-01-01T10:00:00Z",
                        new TtlDecision.CheckAgain(Duration.ofSeconds(360)), true),
                Arguments.of("ttl unset: never", job(null, "Complete", "True", FINISHED), "2030-01-01T00:00:00Z",
                        new TtlDecision.Ignore("no ttlSecondsAfterFinished"), false),
                Arguments.of("still running: not yet", job(0, null, null, null), "2026-01-01T10:00:00Z",
                        new TtlDecision.Ignore("not finished"), false),
                Arguments.of("Complete condition False: not finished", job(0, "Complete", "False", FINISHED),
                        "2026-01-01T10:00:00Z", new TtlDecision.Ignore("not finished"), false),
                Arguments.of("only a Suspended condition: not finished", job(0, "Suspended", "True", FINISHED),
                        "2026-01-01T10:00:00Z", new TtlDecision.Ignore("not finished"), false),
                Arguments.of("already being deleted: left alone", deleting(job(0, "Complete", "True", FINISHED)),
                        "2026-01-01T10:00:00Z", new TtlDecision.Ignore("being deleted"), true),
                Arguments.of("finished without a transition time: invalid", job(0, "Complete", "True", null),
                        "2026-01-01T10:00:00Z", new TtlDecision.Invalid("unable to find the time when the Job default/pi finished"),
                        true));
    }

    private static Job job(Integer ttl, String conditionType, String conditionStatus, String transition) {
        Job job = new Job();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("pi");
        meta.setNamespace("default");
        meta.setUid("uid-pi");
        job.setMetadata(meta);
        JobSpec spec = new JobSpec();
        spec.setTtlSecondsAfterFinished(ttl);
        job.setSpec(spec);
        JobStatus status = new JobStatus();
        List<JobCondition> conditions = new ArrayList<>();
        if (conditionType != null) {
            JobCondition c = new JobCondition();
            c.setType(conditionType);
            c.setStatus(conditionStatus);
            c.setLastTransitionTime(transition);
            conditions.add(c);
        }
        status.setConditions(conditions);
        job.setStatus(status);
        return job;
    }

    private static Job deleting(Job job) {
        job.getMetadata().setDeletionTimestamp("2026-01-01T09:59:00Z");
        return job;
    }
}
