package io.batchplane.cronjobcontroller.sync;

import static io.batchplane.cronjobcontroller.sync.Fixtures.cronJob;
import static io.batchplane.cronjobcontroller.sync.Fixtures.timeZone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Job a CronJob starts: name, scheduled-timestamp annotation, template metadata, owner, spec. */
class JobTemplatesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void scheduledTimestamp(String name, String zone, String expected) {
        CronJob cj = cronJob("0 5 * * *", "2026-01-01T00:00:00Z", zone == null ? c -> { } : timeZone(zone));
        CronJobSyncPlan plan = CronJobSync.decide(cj, List.of(), Instant.parse("2026-07-01T12:00:30Z"), ZoneOffset.UTC);
        Job job = plan.creation().orElseThrow().job();
        assertEquals(expected, job.getMetadata().getAnnotations().get("batch.kubernetes.io/cronjob-scheduled-timestamp"));
    }

    static Stream<Arguments> annotations() {
        return Stream.of(
                Arguments.of("no time zone: UTC", null, "2026-07-01T05:00:00Z"),
                Arguments.of("New York in summer: EDT offset", "America/New_York", "2026-07-01T05:00:00-04:00"),
                Arguments.of("London in summer: BST offset", "Europe/London", "2026-07-01T05:00:00+01:00"),
                Arguments.of("Etc/UTC: Z", "Etc/UTC", "2026-07-01T05:00:00Z"));
    }

    @Test
    void jobCarriesTemplateMetadataOwnerAndSpec() {
        CronJob cj = cronJob("0 * * * *", "2026-01-01T00:00:00Z");
        Instant scheduled = Instant.parse("2026-01-01T10:00:00Z");
        CronJobSyncPlan plan = CronJobSync.decide(cj, List.of(), Instant.parse("2026-01-01T10:00:01Z"), ZoneOffset.UTC);
        JobCreation creation = plan.creation().orElseThrow();
        Job job = creation.job();

        assertEquals(scheduled, creation.scheduledTime());
        assertEquals("hello-29454360", job.getMetadata().getName());
        assertEquals("default", job.getMetadata().getNamespace());
        assertEquals(Map.of("app", "hello"), job.getMetadata().getLabels());
        assertEquals(Map.of("team", "batch", "batch.kubernetes.io/cronjob-scheduled-timestamp", "2026-01-01T10:00:00Z"),
                job.getMetadata().getAnnotations());
        OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("batch/v1", "CronJob", "hello", "cj-uid", true, true), List.of(owner.getApiVersion(),
                owner.getKind(), owner.getName(), owner.getUid(), owner.getController(), owner.getBlockOwnerDeletion()));
        assertEquals(1, job.getMetadata().getOwnerReferences().size());
        assertEquals(cj.getSpec().getJobTemplate().getSpec(), job.getSpec());
        assertEquals(new Quantity("500m"),
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("cpu"));
        assertNotSame(cj.getSpec().getJobTemplate().getSpec(), job.getSpec());
        assertNotSame(cj.getSpec().getJobTemplate().getSpec().getTemplate(), job.getSpec().getTemplate());
    }

    @Test
    void startedJobIsRecordedInStatus() {
        CronJob cj = cronJob("0 * * * *", "2026-01-01T00:00:00Z");
        Job created = CronJobSync.decide(cj, List.of(), Instant.parse("2026-01-01T10:00:01Z"), ZoneOffset.UTC)
                .creation().orElseThrow().job();
        created.getMetadata().setUid("new-uid");
        created.getMetadata().setResourceVersion("42");

        var status = ActiveJobs.withStarted(cj.getStatus(), created, Instant.parse("2026-01-01T10:00:00Z"));

        assertEquals("2026-01-01T10:00:00Z", status.getLastScheduleTime());
        assertEquals(List.of("hello-29454360/new-uid/42"), status.getActive().stream()
                .map(r -> r.getName() + "/" + r.getUid() + "/" + r.getResourceVersion()).toList());
        assertEquals(List.of(), cj.getStatus().getActive(), "the input status is left alone");
        assertEquals(List.of(), ActiveJobs.without(status, "new-uid").getActive());
    }
}
