package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CronJob defaulting, create and update validation, with the field paths upstream reports. */
class CronJobStrategyTest {

    private final CronJobStrategy strategy = new CronJobStrategy();

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validateCreate(String name, Consumer<CronJob> in, List<String> expected) {
        CronJob cj = TestObjects.cronJob();
        in.accept(cj);
        strategy.prepareForCreate(cj);
        List<StatusCause> causes = strategy.validate(cj);
        assertEquals(expected, TestObjects.fields(causes), causes::toString);
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                ok("minimal cronjob", c -> { }),
                ok("macro schedule", c -> spec(c).setSchedule("@hourly")),
                ok("time zone", c -> spec(c).setTimeZone("Europe/Rome")),
                ok("UTC time zone", c -> spec(c).setTimeZone("UTC")),
                ok("zero history limits", c -> {
                    spec(c).setSuccessfulJobsHistoryLimit(0);
                    spec(c).setFailedJobsHistoryLimit(0);
                }),
                ok("Forbid policy", c -> spec(c).setConcurrencyPolicy("Forbid")),
                ok("Replace policy", c -> spec(c).setConcurrencyPolicy("Replace")),
                bad("schedule missing", c -> spec(c).setSchedule(""), "spec.schedule"),
                bad("schedule unparseable", c -> spec(c).setSchedule("error"), "spec.schedule"),
                bad("schedule out of range", c -> spec(c).setSchedule("0 25 * * *"), "spec.schedule"),
                bad("TZ in schedule", c -> spec(c).setSchedule("TZ=UTC 0 * * * *"), "spec.schedule"),
                bad("CRON_TZ in schedule", c -> spec(c).setSchedule("CRON_TZ=UTC 0 * * * *"), "spec.schedule"),
                bad("empty time zone", c -> spec(c).setTimeZone(""), "spec.timeZone"),
                bad("Local time zone", c -> spec(c).setTimeZone("Local"), "spec.timeZone"),
                bad("LOCAL time zone", c -> spec(c).setTimeZone("LOCAL"), "spec.timeZone", "spec.timeZone"),
                bad("unknown time zone", c -> spec(c).setTimeZone("Europe/InvalidRome"), "spec.timeZone"),
                bad("time zone with leading space", c -> spec(c).setTimeZone(" Europe/Rome"), "spec.timeZone"),
                bad("time zone with trailing space", c -> spec(c).setTimeZone("Europe/Rome "), "spec.timeZone"),
                bad("offset time zone", c -> spec(c).setTimeZone("+01:00"), "spec.timeZone"),
                bad("path traversal time zone", c -> spec(c).setTimeZone("../etc/passwd"), "spec.timeZone"),
                bad("negative startingDeadlineSeconds", c -> spec(c).setStartingDeadlineSeconds(-1L),
                        "spec.startingDeadlineSeconds"),
                bad("negative successful history", c -> spec(c).setSuccessfulJobsHistoryLimit(-1),
                        "spec.successfulJobsHistoryLimit"),
                bad("negative failed history", c -> spec(c).setFailedJobsHistoryLimit(-1), "spec.failedJobsHistoryLimit"),
                bad("unknown concurrency policy", c -> spec(c).setConcurrencyPolicy("Sometimes"), "spec.concurrencyPolicy"),
                bad("job template restartPolicy Always", c -> job(c).getTemplate().getSpec().setRestartPolicy("Always"),
                        "spec.jobTemplate.spec.template.spec.restartPolicy"),
                bad("job template negative parallelism", c -> job(c).setParallelism(-1),
                        "spec.jobTemplate.spec.parallelism"),
                bad("job template Indexed without completions", c -> job(c).setCompletionMode("Indexed"),
                        "spec.jobTemplate.spec.completions"),
                bad("job template with selector", c -> job(c).setSelector(new LabelSelectorBuilder()
                        .addToMatchLabels("a", "b").build()), "spec.jobTemplate.spec.selector"),
                bad("job template with manualSelector", c -> job(c).setManualSelector(true),
                        "spec.jobTemplate.spec.manualSelector"),
                bad("job template container without image",
                        c -> job(c).getTemplate().getSpec().getContainers().get(0).setImage(""),
                        "spec.jobTemplate.spec.template.spec.containers[0].image"),
                bad("job template bad label", c -> c.getSpec().getJobTemplate().setMetadata(
                        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().addToLabels("bad key", "v").build()),
                        "spec.jobTemplate.metadata.labels"));
    }

    @Test
    void defaults() {
        CronJob cj = TestObjects.cronJob();
        cj.setStatus(new CronJobStatusBuilder().withLastScheduleTime("2026-01-01T00:00:00Z").build());
        strategy.prepareForCreate(cj);
        assertEquals("Allow", spec(cj).getConcurrencyPolicy());
        assertEquals(false, spec(cj).getSuspend());
        assertEquals(3, spec(cj).getSuccessfulJobsHistoryLimit());
        assertEquals(1, spec(cj).getFailedJobsHistoryLimit());
        assertNull(cj.getStatus().getLastScheduleTime(), "create resets status");
        assertEquals("ClusterFirst", job(cj).getTemplate().getSpec().getDnsPolicy());
        assertNull(job(cj).getBackoffLimit(), "Job defaults are applied when the Job is created, not in the template");
    }

    @Test
    void updateAllowsExistingTzScheduleButNotWithTimeZone() {
        CronJob old = TestObjects.cronJob();
        old.getSpec().setSchedule("TZ=UTC 0 * * * *");
        strategy.prepareForCreate(old);

        CronJob same = Copies.deepCopy(old, CronJob.class);
        strategy.prepareForUpdate(same, old);
        assertEquals(List.of(), TestObjects.fields(strategy.validateUpdate(same, old)));

        CronJob both = Copies.deepCopy(old, CronJob.class);
        both.getSpec().setTimeZone("UTC");
        strategy.prepareForUpdate(both, old);
        assertEquals(List.of("spec.schedule"), TestObjects.fields(strategy.validateUpdate(both, old)));
    }

    @Test
    void updateSkipsUnchangedTimeZone() {
        CronJob old = TestObjects.cronJob();
        strategy.prepareForCreate(old);
        old.getSpec().setTimeZone("Not/AZone");
        CronJob updated = Copies.deepCopy(old, CronJob.class);
        updated.getSpec().setSuspend(true);
        strategy.prepareForUpdate(updated, old);
        assertEquals(List.of(), TestObjects.fields(strategy.validateUpdate(updated, old)));
        updated.getSpec().setTimeZone("Still/NotAZone");
        assertEquals(List.of("spec.timeZone"), TestObjects.fields(strategy.validateUpdate(updated, old)));
    }

    @Test
    void statusRules() {
        CronJob old = TestObjects.cronJob();
        strategy.prepareForCreate(old);
        CronJob main = Copies.deepCopy(old, CronJob.class);
        main.setStatus(new CronJobStatusBuilder().withLastScheduleTime("2026-01-01T00:00:00Z").build());
        main.getSpec().setSuspend(true);
        strategy.prepareForUpdate(main, old);
        assertNull(main.getStatus().getLastScheduleTime());
        assertTrue(strategy.specChanged(main, old));

        CronJob status = Copies.deepCopy(old, CronJob.class);
        status.setStatus(new CronJobStatusBuilder().withLastScheduleTime("2026-01-01T00:00:00Z").build());
        status.getSpec().setSuspend(true);
        strategy.prepareForStatusUpdate(status, old);
        assertEquals("2026-01-01T00:00:00Z", status.getStatus().getLastScheduleTime());
        assertEquals(false, status.getSpec().getSuspend());
        assertFalse(strategy.specChanged(status, old));
    }

    @Test
    void messagesMatchUpstream() {
        CronJob cj = TestObjects.cronJob();
        cj.getSpec().setSchedule("TZ=UTC 0 * * * *");
        cj.getSpec().setTimeZone("Europe/InvalidRome");
        strategy.prepareForCreate(cj);
        List<String> messages = strategy.validate(cj).stream().map(StatusCause::getMessage).sorted().toList();
        assertEquals(List.of(
                "Invalid value: \"Europe/InvalidRome\": unknown time zone Europe/InvalidRome",
                "Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
                messages);
    }

    static Arguments ok(String name, Consumer<CronJob> in) {
        return Arguments.of(name, in, List.of());
    }

    static Arguments bad(String name, Consumer<CronJob> in, String... fields) {
        return Arguments.of(name, in, TestObjects.sorted(fields));
    }

    static CronJobSpec spec(CronJob c) {
        return c.getSpec();
    }

    static JobSpec job(CronJob c) {
        return c.getSpec().getJobTemplate().getSpec();
    }
}
