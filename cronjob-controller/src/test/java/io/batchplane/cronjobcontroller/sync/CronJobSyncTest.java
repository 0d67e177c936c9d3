package io.batchplane.cronjobcontroller.sync;

import static io.batchplane.cronjobcontroller.sync.Fixtures.active;
import static io.batchplane.cronjobcontroller.sync.Fixtures.cronJob;
import static io.batchplane.cronjobcontroller.sync.Fixtures.deadline;
import static io.batchplane.cronjobcontroller.sync.Fixtures.deleting;
import static io.batchplane.cronjobcontroller.sync.Fixtures.finished;
import static io.batchplane.cronjobcontroller.sync.Fixtures.lastScheduled;
import static io.batchplane.cronjobcontroller.sync.Fixtures.policy;
import static io.batchplane.cronjobcontroller.sync.Fixtures.running;
import static io.batchplane.cronjobcontroller.sync.Fixtures.suspended;
import static io.batchplane.cronjobcontroller.sync.Fixtures.timeZone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scheduling decisions: whether an activation starts a Job (deadlines, missed activations, suspension,
 * deletion, time zones, bad schedules, concurrency policies) and when the CronJob is looked at next.
 */
class CronJobSyncTest {

    /** Job names are the CronJob name and the scheduled minute since the epoch. */
    private static final String AT_0900 = "hello-29454300";
    private static final String AT_1000 = "hello-29454360";

    /** What a plan should say; null requeue means none. */
    record Expect(String created, List<String> replaced, List<String> eventReasons, List<String> activeAfter,
            Duration requeue) {
    }

    static Expect creates(String job, List<String> events, Duration requeue) {
        return new Expect(job, List.of(), events, null, requeue);
    }

    static Expect waits(List<String> events, Duration requeue) {
        return new Expect(null, List.of(), events, null, requeue);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(String name, CronJob cj, List<Job> children, String now, Expect expect) {
        CronJobSyncPlan plan = CronJobSync.decide(cj, children, Instant.parse(now), ZoneOffset.UTC);

        assertEquals(expect.created(), plan.creation().map(c -> c.job().getMetadata().getName()).orElse(null), "created");
        assertEquals(expect.replaced(), plan.replaceDeletions().stream().map(JobDeletion::name).toList(), "replaced");
        assertEquals(expect.eventReasons(), plan.events().stream().map(CronJobEvent::reason).toList(), "events");
        if (expect.activeAfter() != null) {
            assertEquals(expect.activeAfter(), plan.status().getActive().stream().map(ObjectReference::getName).toList(), "active");
        }
        assertEquals(expect.requeue(), plan.requeueAfter().orElse(null), "requeue");
    }

    static Stream<Arguments> cases() {
        String hourly = "0 * * * *";
        String created = "2026-01-01T00:00:00Z";
        return Stream.of(
                Arguments.of("first activation due: creates its Job", cronJob(hourly, "2026-01-01T09:30:00Z"), List.of(),
                        "2026-01-01T10:00:30Z", creates(AT_1000, List.of(), Duration.parse("PT59M30.1S"))),
                Arguments.of("before the first activation: waits for it", cronJob(hourly, "2026-01-01T10:00:10Z"), List.of(),
                        "2026-01-01T10:00:30Z", waits(List.of(), Duration.parse("PT59M30.1S"))),
                Arguments.of("requeue lands just after the activation", cronJob(hourly, "2026-01-01T09:30:00Z"), List.of(),
                        "2026-01-01T09:59:59.950Z", waits(List.of(), Duration.parse("PT0.15S"))),
                Arguments.of("activation already recorded as lastScheduleTime: nothing new",
                        cronJob(hourly, created, lastScheduled("2026-01-01T10:00:00Z")), List.of(), "2026-01-01T10:30:00Z",
                        waits(List.of(), Duration.parse("PT30M0.1S"))),
                Arguments.of("activation's Job already active by name: nothing new",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), active(AT_1000)),
                        List.of(running(AT_1000, "2026-01-01T10:00:01Z")), "2026-01-01T10:30:00Z",
                        waits(List.of(), Duration.parse("PT30M0.1S"))),
                Arguments.of("next activation after the last one", cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z")),
                        List.of(), "2026-01-01T10:00:00Z", creates(AT_1000, List.of(), Duration.parse("PT1H0.1S"))),
                Arguments.of("a few missed, no deadline: only the most recent runs",
                        cronJob(hourly, created, lastScheduled("2026-01-01T06:00:00Z")), List.of(), "2026-01-01T10:00:30Z",
                        creates(AT_1000, List.of(), Duration.parse("PT59M30.1S"))),
                Arguments.of("over 100 missed, no deadline: warned, most recent still runs",
                        cronJob(hourly, "2025-12-01T00:00:00Z"), List.of(), "2026-01-01T10:00:30Z",
                        creates(AT_1000, List.of("TooManyMissedTimes"), Duration.parse("PT59M30.1S"))),
                Arguments.of("over 100 missed but a deadline bounds the count: no warning",
                        cronJob(hourly, "2025-12-01T00:00:00Z", deadline(7200)), List.of(), "2026-01-01T10:00:30Z",
                        creates(AT_1000, List.of(), Duration.parse("PT59M30.1S"))),
                Arguments.of("within the starting deadline: runs",
                        cronJob(hourly, created, lastScheduled("2026-01-01T07:00:00Z"), deadline(200)), List.of(),
                        "2026-01-01T10:02:00Z", creates(AT_1000, List.of(), Duration.parse("PT58M0.1S"))),
                Arguments.of("past the starting deadline: skipped, waits for the next",
                        cronJob(hourly, created, lastScheduled("2026-01-01T07:00:00Z"), deadline(60)), List.of(),
                        "2026-01-01T10:05:00Z", waits(List.of(), Duration.parse("PT55M0.1S"))),
                Arguments.of("suspended: starts nothing and is not requeued", cronJob(hourly, created, suspended()), List.of(),
                        "2026-01-01T10:00:30Z", waits(List.of(), null)),
                Arguments.of("being deleted: starts nothing", cronJob(hourly, created, deleting()), List.of(),
                        "2026-01-01T10:00:30Z", waits(List.of(), null)),
                Arguments.of("unknown time zone: warned, starts nothing", cronJob(hourly, created, timeZone("Mars/Olympus")),
                        List.of(), "2026-01-01T10:00:30Z", waits(List.of("UnknownTimeZone"), null)),
                Arguments.of("fixed offset is not an IANA zone", cronJob(hourly, created, timeZone("+05:00")),
                        List.of(), "2026-01-01T10:00:30Z", waits(List.of("UnknownTimeZone"), null)),
                Arguments.of("schedule evaluated in the CronJob's time zone",
                        cronJob("0 5 * * *", created, timeZone("America/New_York")), List.of(), "2026-01-01T10:00:30Z",
                        creates(AT_1000, List.of(), Duration.parse("PT23H59M30.1S"))),
                Arguments.of("time zone across spring-forward: the skipped 02:30 starts nothing, next is tomorrow's",
                        cronJob("30 2 * * *", "2026-03-01T00:00:00Z", timeZone("America/New_York"),
                                lastScheduled("2026-03-07T07:30:00Z")), List.of(), "2026-03-08T12:00:00Z",
                        waits(List.of(), Duration.parse("PT18H30M0.1S"))),
                Arguments.of("time zone across fall-back: the repeated 01:30 starts a second Job",
                        cronJob("30 1 * * *", "2026-10-01T00:00:00Z", timeZone("America/New_York"),
                                lastScheduled("2026-11-01T05:30:00Z")), List.of(), "2026-11-01T06:30:10Z",
                        creates("hello-29891910", List.of(), Duration.parse("PT23H59M50.1S"))),
                Arguments.of("TZ inside the schedule: warned, still honoured", cronJob("TZ=America/New_York 0 5 * * *", created),
                        List.of(), "2026-01-01T10:00:30Z",
                        creates(AT_1000, List.of("UnsupportedSchedule"), Duration.parse("PT23H59M30.1S"))),
                Arguments.of("unparseable schedule: warned, not requeued", cronJob("61 * * * *", created), List.of(),
                        "2026-01-01T10:00:30Z", waits(List.of("UnparseableSchedule"), null)),
                Arguments.of("unsatisfiable schedule: warned, not requeued", cronJob("0 0 31 2 *", created), List.of(),
                        "2026-01-01T10:00:30Z", waits(List.of("InvalidSchedule"), null)),
                Arguments.of("Allow: starts alongside a running Job",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900)),
                        List.of(running(AT_0900, "2026-01-01T09:00:01Z")), "2026-01-01T10:00:30Z",
                        new Expect(AT_1000, List.of(), List.of(), List.of(AT_0900), Duration.parse("PT59M30.1S"))),
                Arguments.of("Forbid: a running Job holds the activation back",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900), policy("Forbid")),
                        List.of(running(AT_0900, "2026-01-01T09:00:01Z")), "2026-01-01T10:00:30Z",
                        waits(List.of("JobAlreadyActive"), Duration.parse("PT59M30.1S"))),
                Arguments.of("Forbid: nothing active, starts",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900), policy("Forbid")),
                        List.of(finished(AT_0900, "2026-01-01T09:00:01Z", "Complete", "2026-01-01T09:10:00Z")),
                        "2026-01-01T10:00:30Z", new Expect(AT_1000, List.of(), List.of("SawCompletedJob"), List.of(),
                                Duration.parse("PT59M30.1S"))),
                Arguments.of("Replace: the running Job is deleted, the new one created",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900), policy("Replace")),
                        List.of(running(AT_0900, "2026-01-01T09:00:01Z")), "2026-01-01T10:00:30Z",
                        new Expect(AT_1000, List.of(AT_0900), List.of(), List.of(AT_0900), Duration.parse("PT59M30.1S"))),
                Arguments.of("Replace: nothing active, nothing deleted",
                        cronJob(hourly, created, lastScheduled("2026-01-01T09:00:00Z"), policy("Replace")), List.of(),
                        "2026-01-01T10:00:30Z", creates(AT_1000, List.of(), Duration.parse("PT59M30.1S"))),
                Arguments.of("Forbid when suspended: suspension wins, no event",
                        cronJob(hourly, created, active(AT_0900), policy("Forbid"), suspended()),
                        List.of(running(AT_0900, "2026-01-01T09:00:01Z")), "2026-01-01T10:00:30Z",
                        new Expect(null, List.of(), List.of(), List.of(AT_0900), null)));
    }
}
