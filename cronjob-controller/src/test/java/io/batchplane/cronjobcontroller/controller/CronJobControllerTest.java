package io.batchplane.cronjobcontroller.controller;

import static io.batchplane.cronjobcontroller.sync.Fixtures.active;
import static io.batchplane.cronjobcontroller.sync.Fixtures.cronJob;
import static io.batchplane.cronjobcontroller.sync.Fixtures.finished;
import static io.batchplane.cronjobcontroller.sync.Fixtures.lastScheduled;
import static io.batchplane.cronjobcontroller.sync.Fixtures.policy;
import static io.batchplane.cronjobcontroller.sync.Fixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.cronjobcontroller.sync.CronJobEvent;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loop around the decision: what reaches the API server, in which order, and when the key comes back. */
class CronJobControllerTest {

    private static final String KEY = "default/hello";
    private static final String AT_0900 = "hello-29454300";
    private static final String AT_1000 = "hello-29454360";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T10:00:30Z"));
    private final Indexer<CronJob> cronJobs = new Indexer<>();
    private final Indexer<Job> jobs = new Indexer<>();
    private final FakeApi api = new FakeApi();
    private final RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock);
    private final CronJobController controller;

    CronJobControllerTest() {
        jobs.addIndex(Indexers.NAMESPACE, Indexers.byNamespace());
        controller = new CronJobController(cronJobs, jobs, api, queue, clock, ZoneOffset.UTC);
    }

    @Test
    void dueActivationCreatesJobRecordsItAndParksUntilTheNext() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T09:30:00Z"));

        controller.process(KEY);

        assertEquals(List.of("create " + AT_1000, "event SuccessfulCreate", "status active=[" + AT_1000
                + "] last=2026-01-01T10:00:00Z"), api.calls);
        assertEquals(List.of(Instant.parse("2026-01-01T11:00:00.100Z")), clock.pendingDueTimes());
    }

    @Test
    void alreadyExistingOwnJobMissingFromActiveIsRecorded() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T09:30:00Z"));
        api.createFailure = ApiException.alreadyExists(ResourceType.JOBS, AT_1000);
        api.jobs.put(AT_1000, running(AT_1000, "2026-01-01T10:00:01Z"));

        controller.process(KEY);

        assertEquals(List.of("create " + AT_1000, "get job " + AT_1000,
                "status active=[" + AT_1000 + "] last=2026-01-01T10:00:00Z"), api.calls);
    }

    @Test
    void alreadyExistingForeignJobIsLeftAlone() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T09:30:00Z"));
        api.createFailure = ApiException.alreadyExists(ResourceType.JOBS, AT_1000);
        Job foreign = running(AT_1000, "2026-01-01T10:00:01Z");
        foreign.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
        api.jobs.put(AT_1000, foreign);

        controller.process(KEY);

        assertEquals(List.of("create " + AT_1000, "get job " + AT_1000), api.calls);
    }

    @Test
    void replaceDeletesTheRunningJobBeforeCreating() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900),
                policy("Replace")));
        jobs.put(running(AT_0900, "2026-01-01T09:00:01Z"));

        controller.process(KEY);

        assertEquals(List.of("delete " + AT_0900 + "@uid-" + AT_0900, "event SuccessfulDelete", "create " + AT_1000,
                "event SuccessfulCreate", "status active=[" + AT_1000 + "] last=2026-01-01T10:00:00Z"), api.calls);
    }

    @Test
    void replaceThatCannotDeleteCreatesNothingAndRetries() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T09:00:00Z"), active(AT_0900),
                policy("Replace")));
        jobs.put(running(AT_0900, "2026-01-01T09:00:01Z"));
        api.deleteFailure = ApiException.internal("boom");

        controller.process(KEY);

        assertEquals(List.of("delete " + AT_0900 + "@uid-" + AT_0900, "event FailedDelete"), api.calls);
        assertEquals(1, queue.numRequeues(KEY));
    }

    @Test
    void failedCreateIsReportedAndRetried() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T09:30:00Z"));
        api.createFailure = ApiException.internal("boom");

        controller.process(KEY);

        assertEquals(List.of("create " + AT_1000, "event FailedCreate"), api.calls);
        assertEquals(1, queue.numRequeues(KEY));
    }

    @Test
    void activeJobTheCacheHasNotSeenYetIsNotMissing() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T10:00:00Z"), active(AT_1000)));
        api.jobs.put(AT_1000, running(AT_1000, "2026-01-01T10:00:01Z"));

        controller.process(KEY);

        assertEquals(List.of("get job " + AT_1000), api.calls);
    }

    @Test
    void unexpectedJobLeadsToAFreshReadOfTheCronJob() {
        CronJob stale = cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T09:00:00Z"));
        stale.getMetadata().setResourceVersion("1");
        CronJob fresh = cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T10:00:00Z"), active(AT_1000));
        fresh.getMetadata().setResourceVersion("2");
        cronJobs.put(stale);
        api.cronJob = fresh;
        jobs.put(running(AT_1000, "2026-01-01T10:00:01Z"));

        controller.process(KEY);

        assertEquals(List.of("get cronjob"), api.calls);
    }

    @Test
    void historyCleanupDeletesAndWritesStatus() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T10:00:00Z")));
        jobs.put(finished("f1", "2026-01-01T08:00:00Z", "Failed", "2026-01-01T08:01:00Z"));
        jobs.put(finished("f2", "2026-01-01T09:00:00Z", "Failed", "2026-01-01T09:01:00Z"));

        controller.process(KEY);

        assertEquals(List.of("delete f1@uid-f1", "event SuccessfulDelete", "status active=[] last=2026-01-01T10:00:00Z"),
                api.calls);
    }

    @Test
    void jobEventsWakeOnlyTheCronJobWithTheOwnersUid() {
        cronJobs.put(cronJob("0 * * * *", "2026-01-01T00:00:00Z"));
        Job ours = running("a", "2026-01-01T10:00:00Z");
        Job impostor = running("b", "2026-01-01T10:00:00Z");
        impostor.getMetadata().getOwnerReferences().get(0).setUid("other-uid");

        controller.jobHandler().onAdd(impostor);
        assertNull(queue.tryGet());
        controller.jobHandler().onAdd(ours);
        assertEquals(KEY, queue.tryGet());
    }

    @Test
    void scheduleChangeWaitsForTheNewScheduleInsteadOfRunningAtOnce() {
        CronJob old = cronJob("0 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T10:00:00Z"));
        CronJob changed = cronJob("30 * * * *", "2026-01-01T00:00:00Z", lastScheduled("2026-01-01T10:00:00Z"));

        controller.cronJobHandler().onUpdate(old, changed);

        assertNull(queue.tryGet());
        assertEquals(List.of(Instant.parse("2026-01-01T10:30:00.100Z")), clock.pendingDueTimes());
    }

    /** Records each call as a short line; fails the calls it is told to. */
    private static final class FakeApi implements CronJobApi {
        final List<String> calls = new ArrayList<>();
        final Map<String, Job> jobs = new HashMap<>();
        CronJob cronJob;
        RuntimeException createFailure;
        RuntimeException deleteFailure;

        @Override
        public Optional<Job> getJob(String namespace, String name) {
            calls.add("get job " + name);
            return Optional.ofNullable(jobs.get(name));
        }

        @Override
        public Optional<CronJob> getCronJob(String namespace, String name) {
            calls.add("get cronjob");
            return Optional.ofNullable(cronJob);
        }

        @Override
        public Job createJob(Job job) {
            calls.add("create " + job.getMetadata().getName());
            if (createFailure != null) {
                throw createFailure;
            }
            job.getMetadata().setUid("uid-" + job.getMetadata().getName());
            return job;
        }

        @Override
        public void deleteJob(String namespace, String name, String uid) {
            calls.add("delete " + name + "@" + uid);
            if (deleteFailure != null) {
                throw deleteFailure;
            }
        }

        @Override
        public CronJob updateStatus(CronJob cj) {
            calls.add("status active=" + cj.getStatus().getActive().stream().map(ObjectReference::getName).toList()
                    .toString().replace(" ", "") + " last=" + cj.getStatus().getLastScheduleTime());
            return cj;
        }

        @Override
        public void recordEvent(CronJob cj, CronJobEvent event, Instant now) {
            calls.add("event " + event.reason());
        }
    }
}
