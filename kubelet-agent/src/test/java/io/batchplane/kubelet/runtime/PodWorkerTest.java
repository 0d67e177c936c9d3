package io.batchplane.kubelet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodWorkerTest {

    final FakeClock clock = new FakeClock();
    final Indexer<Pod> pods = new Indexer<>();
    final RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock);
    final List<String> log = new ArrayList<>();
    long revision = 1;
    /** When false, writes are not seen by the informer (the watch lags). */
    boolean deliver = true;
    PodWorker worker;

    final PodApi api = new PodApi() {
        @Override
        public Pod updateStatus(Pod pod) {
            Pod current = pods.getByKey(Indexer.key(pod)).orElseThrow(() -> ApiException.notFound(ResourceType.PODS, "p"));
            if (!current.getMetadata().getResourceVersion().equals(pod.getMetadata().getResourceVersion()) && deliver) {
                throw ApiException.conflict(ResourceType.PODS, "p", "stale");
            }
            Pod stored = new PodBuilder(pod).editMetadata().withResourceVersion(Long.toString(++revision)).endMetadata().build();
            log.add(clock.now() + " " + stored.getStatus().getPhase());
            if (deliver) {
                store(stored);
            }
            return stored;
        }

        @Override
        public void deleteNow(Pod pod) {
            log.add(clock.now() + " deleted");
            Pod gone = pods.remove(Indexer.key(pod)).orElseThrow();
            worker.handler().onDelete(gone, false);
        }
    };

    void store(Pod p) {
        Pod old = pods.getByKey(Indexer.key(p)).orElse(null);
        pods.put(p);
        if (old == null) {
            worker.handler().onAdd(p);
        } else {
            worker.handler().onUpdate(old, p);
        }
    }

    void drain() {
        while (worker.processNext()) {
            // keep going
        }
    }

    Pod pod(String duration, String exit) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("p").withUid("u1")
                .withResourceVersion(Long.toString(++revision))
                .withAnnotations(Map.of(Simulation.DURATION, duration, Simulation.EXIT_CODE, exit)).endMetadata()
                .withNewSpec().withNodeName("n1").withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
    }

    @Test
    void runsAPodForItsDurationAndReportsTheExitCode() {
        worker = new PodWorker(pods, queue, api, clock);
        store(pod("30s", "2"));
        drain();
        assertEquals(List.of("2024-01-01T00:00:00Z Running"), log);
        clock.advance(Duration.ofSeconds(29));
        drain();
        assertEquals(1, log.size());
        clock.advance(Duration.ofSeconds(1));
        drain();
        assertEquals(List.of("2024-01-01T00:00:00Z Running", "2024-01-01T00:00:30Z Failed"), log);
        assertEquals(2, pods.getByKey("default/p").orElseThrow().getStatus().getContainerStatuses().get(0).getState()
                .getTerminated().getExitCode());
    }

    @Test
    void instantPodSucceedsEvenBeforeTheWatchShowsTheRunningWrite() {
        worker = new PodWorker(pods, queue, api, clock);
        store(pod("0s", "0"));
        deliver = false;
        drain();
        assertEquals(List.of("2024-01-01T00:00:00Z Running", "2024-01-01T00:00:00Z Succeeded"), log);
    }

    @Test
    void deletedRunningPodReportsFailedThenIsDeletedAtOnce() {
        worker = new PodWorker(pods, queue, api, clock);
        store(pod("1h", "0"));
        drain();
        clock.advance(Duration.ofSeconds(5));
        Pod running = pods.getByKey("default/p").orElseThrow();
        store(new PodBuilder(running).editMetadata().withResourceVersion(Long.toString(++revision))
                .withDeletionTimestamp("2024-01-01T00:00:35Z").withDeletionGracePeriodSeconds(30L).endMetadata().build());
        drain();
        assertEquals(List.of("2024-01-01T00:00:00Z Running", "2024-01-01T00:00:05Z Failed", "2024-01-01T00:00:05Z deleted"), log);
        assertTrue(pods.getByKey("default/p").isEmpty());
        // The parked wake-up of the deleted pod finds nothing to do.
        clock.advance(Duration.ofHours(1));
        drain();
        assertEquals(3, log.size());
    }
}
