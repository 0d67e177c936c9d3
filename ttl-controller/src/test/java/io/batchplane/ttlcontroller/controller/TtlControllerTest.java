package io.batchplane.ttlcontroller.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The controller loop over a fake API: parked keys instead of polling, re-read before delete, uid precondition. */
class TtlControllerTest {

    private static final Instant FINISHED = Instant.parse("2026-01-01T10:00:00Z");

    private final FakeClock clock = new FakeClock(FINISHED);
    private final Indexer<Job> cache = new Indexer<>();
    private final FakeApi api = new FakeApi();
    private final RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock);
    private final TtlController controller = new TtlController(cache, api, queue, clock);

    @Test
    void parksTheKeyUntilTheTtlExpiresThenDeletesWithUidPrecondition() {
        Job job = finishedJob("pi", "uid-1", 60);
        observe(job);
        api.put(job);

        controller.process(queue.tryGet());
        queue.done("default/pi");
        assertNull(queue.tryGet(), "parked, not queued");
        assertEquals(List.of(FINISHED.plusSeconds(60)), clock.pendingDueTimes());

        clock.advance(Duration.ofSeconds(60));
        String key = queue.tryGet();
        assertEquals("default/pi", key);
        controller.process(key);

        assertEquals(List.of("default/pi@uid-1"), api.deleted);
    }

    @Test
    void ttlRaisedAfterFinishingIsHonouredFromTheFreshRead() {
        observe(finishedJob("pi", "uid-1", 0));
        api.put(finishedJob("pi", "uid-1", 3600));

        controller.process(queue.tryGet());

        assertEquals(List.of(), api.deleted);
        assertEquals(List.of(FINISHED.plusSeconds(3600)), clock.pendingDueTimes());
    }

    @Test
    void jobAlreadyGoneFromTheServerIsNotDeleted() {
        observe(finishedJob("pi", "uid-1", 0));

        controller.process(queue.tryGet());

        assertEquals(List.of(), api.deleted);
        assertEquals(0, queue.numRequeues("default/pi"));
    }

    @Test
    void unfinishedUntimedAndDeletingJobsAreNotQueued() {
        Job running = finishedJob("running", "u1", 0);
        running.getStatus().setConditions(List.of());
        Job untimed = finishedJob("untimed", "u2", null);
        Job deleting = finishedJob("deleting", "u3", 0);
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T10:00:00Z");

        observe(running);
        observe(untimed);
        controller.onUpdate(deleting, deleting);

        assertEquals(0, queue.len());
    }

    @Test
    void uidChangedUnderneathIsNotRetried() {
        observe(finishedJob("pi", "uid-1", 0));
        api.put(finishedJob("pi", "uid-1", 0));
        api.deleteFailure = ApiException.conflict(ResourceType.JOBS, "pi", "Precondition failed: UID");

        controller.process(queue.tryGet());

        assertEquals(0, queue.numRequeues("default/pi"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        observe(finishedJob("pi", "uid-1", 0));
        api.put(finishedJob("pi", "uid-1", 0));
        api.deleteFailure = ApiException.internal("boom");

        controller.process(queue.tryGet());

        assertEquals(1, queue.numRequeues("default/pi"));
    }

    private void observe(Job job) {
        cache.put(job);
        controller.onAdd(job);
    }

    private static Job finishedJob(String name, String uid, Integer ttl) {
        Job job = new Job();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace("default");
        meta.setUid(uid);
        job.setMetadata(meta);
        JobSpec spec = new JobSpec();
        spec.setTtlSecondsAfterFinished(ttl);
        job.setSpec(spec);
        JobCondition complete = new JobCondition();
        complete.setType("Complete");
        complete.setStatus("True");
        complete.setLastTransitionTime(FINISHED.toString());
        JobStatus status = new JobStatus();
        status.setConditions(new ArrayList<>(List.of(complete)));
        job.setStatus(status);
        return job;
    }

    /** An API server holding Jobs by key, recording deletions as {@code key@uid}. */
    private static final class FakeApi implements JobApi {
        final Map<String, Job> jobs = new HashMap<>();
        final List<String> deleted = new ArrayList<>();
        RuntimeException deleteFailure;

        void put(Job job) {
            jobs.put(Indexer.key(job), job);
        }

        @Override
        public Optional<Job> get(String namespace, String name) {
            return Optional.ofNullable(jobs.get(Indexer.key(namespace, name)));
        }

        @Override
        public void delete(Job job) {
            if (deleteFailure != null) {
                throw deleteFailure;
            }
            deleted.add(Indexer.key(job) + "@" + job.getMetadata().getUid());
        }
    }
}
