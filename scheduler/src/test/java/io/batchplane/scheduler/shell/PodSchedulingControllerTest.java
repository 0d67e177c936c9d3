package io.batchplane.scheduler.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.scheduler.cache.SchedulerCache;
import io.batchplane.scheduler.decision.Fixtures;
import io.batchplane.scheduler.decision.PodConditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodSchedulingControllerTest {

    /** Stands in for the API server: bindings are compare-and-swap, watch events come when the test says. */
    static final class FakeApi implements SchedulerActions {
        final Map<String, String> bindings = new ConcurrentHashMap<>();
        final List<Pod> statusWrites = new CopyOnWriteArrayList<>();
        final AtomicInteger bindCalls = new AtomicInteger();
        volatile boolean jitter;
        volatile int statusConflicts;

        @Override
        public void bind(Pod pod, String node) {
            bindCalls.incrementAndGet();
            if (jitter) {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String prior = bindings.putIfAbsent(Indexer.key(pod), node);
            if (prior != null) {
                throw ApiException.conflict(ResourceType.PODS, pod.getMetadata().getName(), "already assigned to " + prior);
            }
        }

        @Override
        public void updateStatus(Pod pod) {
            if (statusConflicts > 0) {
                statusConflicts--;
                throw ApiException.conflict(ResourceType.PODS, pod.getMetadata().getName(), "the object has been modified");
            }
            statusWrites.add(pod);
        }
    }

    final FakeClock clock = new FakeClock();
    final Indexer<Pod> pods = new Indexer<>();
    final SchedulerCache cache = new SchedulerCache();
    final RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock);
    final FakeApi api = new FakeApi();
    final List<String> events = new CopyOnWriteArrayList<>();
    final PodSchedulingController controller = new PodSchedulingController(pods, cache, queue, api,
            (o, type, reason, message) -> events.add(type + " " + reason + " " + message), clock, "default-scheduler",
            Duration.ofMinutes(5));

    void addPod(Pod p) {
        pods.put(p);
        controller.podHandler().onAdd(p);
    }

    void addNode(Node n) {
        controller.nodeHandler().onAdd(n);
    }

    void drain() {
        while (controller.processNext()) {
            // keep going
        }
    }

    /** Delivers the binding to the informer side, as the watch would. */
    void deliverBinding(String key) {
        Pod old = pods.getByKey(key).orElseThrow();
        Pod b = new PodBuilder(old).editSpec().withNodeName(api.bindings.get(key)).endSpec().build();
        pods.put(b);
        controller.podHandler().onUpdate(old, b);
    }

    @Test
    void bindsAPendingPodToAFeasibleNode() {
        addNode(Fixtures.ready("n1"));
        addPod(Fixtures.pod("p"));
        drain();
        assertEquals(Map.of("default/p", "n1"), api.bindings);
        assertEquals(List.of("Normal Scheduled Successfully assigned default/p to n1"), events);
        assertTrue(cache.isAssumed(Fixtures.pod("p")));
        deliverBinding("default/p");
        assertFalse(cache.isAssumed(Fixtures.pod("p")));
        assertEquals(1, cache.podCount("n1"));
    }

    @Test
    void unschedulablePodGetsConditionAndIsRetriedWhenANodeAppears() {
        addPod(Fixtures.pod("p", "2", null).build());
        addNode(Fixtures.node("small", "1", "1Gi").build());
        drain();
        assertTrue(api.bindings.isEmpty());
        assertEquals(1, api.statusWrites.size());
        PodCondition c = PodConditions.find(api.statusWrites.get(0), "PodScheduled").orElseThrow();
        assertEquals("False", c.getStatus());
        assertEquals("Unschedulable", c.getReason());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", c.getMessage());
        assertEquals(List.of("Warning FailedScheduling 0/1 nodes are available: 1 Insufficient cpu."), events);

        // Our own status write coming back through the watch does not cause another attempt.
        Pod written = api.statusWrites.get(0);
        Pod old = pods.getByKey("default/p").orElseThrow();
        pods.put(written);
        controller.podHandler().onUpdate(old, written);
        assertFalse(controller.processNext());

        addNode(Fixtures.node("big", "4", "1Gi").build());
        drain();
        assertEquals(Map.of("default/p", "big"), api.bindings);
    }

    @Test
    void unschedulablePodIsRetriedPeriodically() {
        addNode(Fixtures.node("n1", "1", "1Gi").build());
        addPod(Fixtures.pod("p", "2", null).build());
        drain();
        // Capacity grows without any event the scheduler listens to: only the periodic retry finds it.
        cache.updateNode(Fixtures.node("n1", "4", "1Gi").build());
        clock.advance(Duration.ofMinutes(4));
        assertFalse(controller.processNext());
        clock.advance(Duration.ofMinutes(1));
        drain();
        assertEquals(Map.of("default/p", "n1"), api.bindings);
    }

    @Test
    void unchangedUnschedulableReasonIsNotWrittenAgain() {
        addNode(Fixtures.node("n1", "1", "1Gi").build());
        Pod p = Fixtures.pod("p", "2", null).build();
        addPod(PodConditions.with(p, "PodScheduled", "False", "Unschedulable",
                "0/1 nodes are available: 1 Insufficient cpu.", clock.now()));
        drain();
        assertTrue(api.statusWrites.isEmpty());
    }

    @Test
    void conflictWritingTheUnschedulableConditionIsRetried() {
        addNode(Fixtures.node("n1", "1", "1Gi").build());
        api.statusConflicts = 1;
        addPod(Fixtures.pod("p", "2", null).build());
        drain();
        assertTrue(api.statusWrites.isEmpty());
        clock.advance(Duration.ofMillis(5));
        drain();
        assertEquals(1, api.statusWrites.size());
    }

    @Test
    void conflictOnBindDropsTheAssumption() {
        addNode(Fixtures.ready("n1"));
        api.bindings.put("default/p", "elsewhere");
        addPod(Fixtures.pod("p"));
        drain();
        assertFalse(cache.isAssumed(Fixtures.pod("p")));
        assertEquals(0, cache.podCount("n1"));
        assertEquals(0, queue.numRequeues("default/p"));
    }

    @Test
    void podsBeingDeletedOrForOtherSchedulersAreLeftAlone() {
        addNode(Fixtures.ready("n1"));
        addPod(Fixtures.pod("gone", null, null).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata().build());
        addPod(Fixtures.pod("other", null, null).editSpec().withSchedulerName("my-scheduler").endSpec().build());
        drain();
        assertEquals(0, api.bindCalls.get());
    }

    @Test
    void freedCapacityFromATerminatedPodRetriesWaitingPods() {
        addNode(Fixtures.node("n1", "1", "1Gi").build());
        Pod running = new PodBuilder(Fixtures.pod("a", "1", null).build()).editSpec().withNodeName("n1").endSpec().build();
        addPod(running);
        addPod(Fixtures.pod("p", "1", null).build());
        drain();
        assertTrue(api.bindings.isEmpty());
        Pod done = new PodBuilder(running).withNewStatus().withPhase("Succeeded").endStatus().build();
        pods.put(done);
        controller.podHandler().onUpdate(running, done);
        drain();
        assertEquals(Map.of("default/p", "n1"), api.bindings);
    }

    @Test
    void concurrentWorkersNeverOverCommitBeforeWatchEventsArrive() throws Exception {
        for (int i = 0; i < 3; i++) {
            addNode(Fixtures.node("n" + i, "8", "8Gi").editStatus().addToAllocatable("pods", new Quantity("10")).endStatus().build());
        }
        api.jitter = true;
        for (int i = 0; i < 100; i++) {
            addPod(Fixtures.pod("p" + i));
        }
        controller.start(8);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((queue.len() > 0 || api.bindings.size() + api.statusWrites.size() < 100) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        controller.stop();
        Map<String, Integer> perNode = new ConcurrentHashMap<>();
        api.bindings.values().forEach(n -> perNode.merge(n, 1, Integer::sum));
        assertEquals(Map.of("n0", 10, "n1", 10, "n2", 10), perNode);
        assertEquals(30, api.bindCalls.get());
        assertEquals(70, api.statusWrites.size());
    }
}
