package io.batchplane.cronjobcontroller.sync;

import static io.batchplane.cronjobcontroller.sync.Fixtures.active;
import static io.batchplane.cronjobcontroller.sync.Fixtures.cronJob;
import static io.batchplane.cronjobcontroller.sync.Fixtures.finished;
import static io.batchplane.cronjobcontroller.sync.Fixtures.historyLimits;
import static io.batchplane.cronjobcontroller.sync.Fixtures.lastScheduled;
import static io.batchplane.cronjobcontroller.sync.Fixtures.lastSucceeded;
import static io.batchplane.cronjobcontroller.sync.Fixtures.manual;
import static io.batchplane.cronjobcontroller.sync.Fixtures.running;
import static io.batchplane.cronjobcontroller.sync.Fixtures.suspended;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reconciling a CronJob with its Jobs: the active list, lastSuccessfulTime, events about finished,
 * missing and unexpected Jobs, and history cleanup (which Jobs, oldest first). All rows use a
 * suspended CronJob so that no activation muddles the status.
 */
class CronJobReconcileTest {

    private static final String NOW = "2026-01-01T12:00:30Z";

    record Expect(List<String> historyDeleted, List<String> activeAfter, String lastSuccessful, List<String> events,
            boolean statusChanged, boolean unexpected) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reconcile(String name, CronJob cj, List<Job> children, Expect expect) {
        CronJobSyncPlan plan = CronJobSync.decide(cj, children, Instant.parse(NOW), ZoneOffset.UTC);

        assertEquals(expect.historyDeleted(), plan.historyDeletions().stream().map(JobDeletion::name).toList(), "history");
        assertEquals(expect.activeAfter(), plan.status().getActive().stream().map(ObjectReference::getName).toList(), "active");
        assertEquals(expect.lastSuccessful(), plan.status().getLastSuccessfulTime(), "lastSuccessfulTime");
        assertEquals(expect.events(), plan.events().stream().map(e -> e.reason() + ": " + e.message()).toList(), "events");
        assertEquals(expect.statusChanged(), plan.statusChanged(), "statusChanged");
        assertEquals(expect.unexpected(), plan.sawUnexpectedJob(), "sawUnexpectedJob");
        for (JobDeletion d : plan.historyDeletions()) {
            assertEquals(Fixtures.uid(d.name()), d.uid(), "deletions are pinned by uid");
        }
    }

    static Stream<Arguments> cases() {
        String created = "2026-01-01T00:00:00Z";
        return Stream.of(
                Arguments.of("running active Job: nothing to say", cj(active("a")), List.of(running("a", "2026-01-01T11:00:00Z")),
                        new Expect(List.of(), List.of("a"), null, List.of(), false, false)),
                Arguments.of("active Job completed: leaves active, sets lastSuccessfulTime", cj(active("a")),
                        List.of(finished("a", "2026-01-01T11:00:00Z", "Complete", "2026-01-01T11:05:00Z")),
                        new Expect(List.of(), List.of(), "2026-01-01T11:05:00Z",
                                List.of("SawCompletedJob: Saw completed job: a, condition: Complete"), true, false)),
                Arguments.of("active Job failed: leaves active, lastSuccessfulTime untouched", cj(active("a")),
                        List.of(finished("a", "2026-01-01T11:00:00Z", "Failed", "2026-01-01T11:05:00Z")),
                        new Expect(List.of(), List.of(), null,
                                List.of("SawCompletedJob: Saw completed job: a, condition: Failed"), true, false)),
                Arguments.of("lastSuccessfulTime only moves forward", cj(lastSucceeded("2026-01-01T11:30:00Z")),
                        List.of(finished("a", "2026-01-01T11:00:00Z", "Complete", "2026-01-01T11:05:00Z"),
                                finished("b", "2026-01-01T11:40:00Z", "Complete", "2026-01-01T11:45:00Z")),
                        new Expect(List.of(), List.of(), "2026-01-01T11:45:00Z", List.of(), true, false)),
                Arguments.of("older completion leaves lastSuccessfulTime alone", cj(lastSucceeded("2026-01-01T11:30:00Z")),
                        List.of(finished("a", "2026-01-01T11:00:00Z", "Complete", "2026-01-01T11:05:00Z")),
                        new Expect(List.of(), List.of(), "2026-01-01T11:30:00Z", List.of(), false, false)),
                Arguments.of("active Job gone: dropped with MissingJob", cj(active("a", "b")),
                        List.of(running("b", "2026-01-01T11:00:00Z")),
                        new Expect(List.of(), List.of("b"), null, List.of("MissingJob: Active job went missing: a"), true, false)),
                Arguments.of("running Job not in active: UnexpectedJob, not adopted", cj(),
                        List.of(running("stray", "2026-01-01T11:00:00Z")),
                        new Expect(List.of(), List.of(), null,
                                List.of("UnexpectedJob: Saw a job that the controller did not create or forgot: stray"), false, true)),
                Arguments.of("manual run (kubectl create job --from): reported, not adopted", cj(),
                        List.of(manual(running("hello-manual-x1", "2026-01-01T11:00:00Z"))),
                        new Expect(List.of(), List.of(), null,
                                List.of("UnexpectedJob: Saw a job that the controller did not create or forgot: hello-manual-x1"),
                                false, true)),
                Arguments.of("manual run that succeeded counts for lastSuccessfulTime", cj(),
                        List.of(manual(finished("hello-manual-x1", "2026-01-01T11:00:00Z", "Complete", "2026-01-01T11:01:00Z"))),
                        new Expect(List.of(), List.of(), "2026-01-01T11:01:00Z", List.of(), true, false)),
                Arguments.of("history: successful beyond 3 deleted oldest first, no start time counts as newest", cj(),
                        List.of(done("s5", "2026-01-01T05:00:00Z"), done("s1", "2026-01-01T01:00:00Z"), done("s0", null),
                                done("s3", "2026-01-01T03:00:00Z"), done("s2", "2026-01-01T02:00:00Z")),
                        new Expect(List.of("s1", "s2"), List.of(), "2026-01-01T12:00:00Z", List.of(), true, false)),
                Arguments.of("history: failed beyond 1 deleted oldest first, ties by name", cj(),
                        List.of(failed("f-b", "2026-01-01T01:00:00Z"), failed("f-c", "2026-01-01T02:00:00Z"),
                                failed("f-a", "2026-01-01T01:00:00Z")),
                        new Expect(List.of("f-a", "f-b"), List.of(), null, List.of(), true, false)),
                Arguments.of("history: successful and failed counted separately, running never", cj(historyLimits(1, 1)),
                        List.of(done("s1", "2026-01-01T01:00:00Z"), done("s2", "2026-01-01T02:00:00Z"),
                                failed("f1", "2026-01-01T01:30:00Z"), running("r1", "2026-01-01T00:30:00Z")),
                        new Expect(List.of("s1"), List.of(), "2026-01-01T12:00:00Z",
                                List.of("UnexpectedJob: Saw a job that the controller did not create or forgot: r1"), true, true)),
                Arguments.of("history: limit 0 keeps none", cj(historyLimits(0, 0)),
                        List.of(done("s1", "2026-01-01T01:00:00Z"), failed("f1", "2026-01-01T01:30:00Z")),
                        new Expect(List.of("s1", "f1"), List.of(), "2026-01-01T12:00:00Z", List.of(), true, false)),
                Arguments.of("history: unset limits keep everything", cj(historyLimits(null, null)),
                        List.of(done("s1", "2026-01-01T01:00:00Z"), done("s2", "2026-01-01T02:00:00Z"),
                                done("s3", "2026-01-01T03:00:00Z"), done("s4", "2026-01-01T04:00:00Z"),
                                failed("f1", "2026-01-01T01:30:00Z"), failed("f2", "2026-01-01T02:30:00Z")),
                        new Expect(List.of(), List.of(), "2026-01-01T12:00:00Z", List.of(), true, false)),
                Arguments.of("history: a cleaned Job still listed active leaves it silently", cj(active("s1"), historyLimits(0, 1)),
                        List.of(done("s1", "2026-01-01T01:00:00Z")),
                        new Expect(List.of("s1"), List.of(), "2026-01-01T12:00:00Z", List.of(), true, false)));
    }

    private static CronJob cj(java.util.function.Consumer<CronJob>... edits) {
        CronJob cj = cronJob("0 * * * *", "2026-01-01T00:00:00Z", edits);
        suspended().accept(cj);
        lastScheduled("2026-01-01T12:00:00Z").accept(cj);
        return cj;
    }

    private static Job done(String name, String started) {
        return finished(name, started, "Complete", "2026-01-01T12:00:00Z");
    }

    private static Job failed(String name, String started) {
        return finished(name, started, "Failed", "2026-01-01T12:00:00Z");
    }
}
