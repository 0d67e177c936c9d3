package io.batchplane.scheduler.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.scheduler.decision.Fixtures;
import io.batchplane.scheduler.decision.SchedulingResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private static Pod bound(Pod p, String node) {
        return new PodBuilder(p).editSpec().withNodeName(node).endSpec().build();
    }

    @Test
    void manyPodsRacingForFewSlotsNeverOverCommit() throws Exception {
        SchedulerCache cache = new SchedulerCache();
        // 3 nodes: 5 pod slots each, and 2 cores each where pods ask 500m: cpu allows 4, pods 5.
        for (int i = 0; i < 3; i++) {
            cache.updateNode(Fixtures.node("n" + i, "2", "8Gi").editStatus().addToAllocatable("pods", new Quantity("5"))
                    .endStatus().build());
        }
        int podsN = 200;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, AtomicInteger> perNode = new ConcurrentHashMap<>();
        AtomicInteger unschedulable = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < podsN; i++) {
            Pod p = Fixtures.pod("p" + i, "500m", "100Mi").build();
            futures.add(pool.submit(() -> {
                go.await();
                SchedulingResult r = cache.scheduleAndAssume(p);
                if (r.selected().isPresent()) {
                    perNode.computeIfAbsent(r.selected().get(), k -> new AtomicInteger()).incrementAndGet();
                    // Half the time the watch confirms the binding while others are still deciding.
                    if (p.getMetadata().getName().hashCode() % 2 == 0) {
                        cache.updatePod(bound(p, r.selected().get()));
                    }
                } else {
                    unschedulable.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(3, perNode.size());
        perNode.forEach((node, n) -> assertEquals(4, n.get(), node));
        perNode.keySet().forEach(node -> assertEquals(4, cache.podCount(node), node));
        assertEquals(podsN - 12, unschedulable.get());
    }

    @Test
    void assumedPodCountsUntilConfirmedAndConfirmationDoesNotDoubleCount() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n1", "1", "1Gi").build());
        Pod p = Fixtures.pod("p", "600m", null).build();
        assertEquals("n1", cache.scheduleAndAssume(p).selected().orElseThrow());
        assertTrue(cache.isAssumed(p));
        assertFalse(cache.scheduleAndAssume(Fixtures.pod("q", "600m", null).build()).scheduled());
        cache.updatePod(bound(p, "n1"));
        assertFalse(cache.isAssumed(p));
        assertEquals(1, cache.podCount("n1"));
        assertFalse(cache.scheduleAndAssume(Fixtures.pod("q", "600m", null).build()).scheduled());
    }

    @Test
    void statusUpdateOfAnUnboundAssumedPodKeepsTheAssumption() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.ready("n1"));
        Pod p = Fixtures.pod("p");
        cache.scheduleAndAssume(p);
        cache.updatePod(p);
        assertTrue(cache.isAssumed(p));
        assertEquals(1, cache.podCount("n1"));
    }

    @Test
    void forgetFreesTheSlot() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n1", "1", "1Gi").build());
        Pod p = Fixtures.pod("p", "1", null).build();
        cache.scheduleAndAssume(p);
        assertTrue(cache.forget(p));
        assertFalse(cache.forget(p));
        assertTrue(cache.scheduleAndAssume(Fixtures.pod("q", "1", null).build()).scheduled());
    }

    @Test
    void terminatedAndDeletedPodsFreeTheirNode() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n1", "1", "1Gi").build());
        Pod a = bound(Fixtures.pod("a", "1", null).build(), "n1");
        cache.updatePod(a);
        assertFalse(cache.scheduleAndAssume(Fixtures.pod("q", "1", null).build()).scheduled());
        cache.updatePod(new PodBuilder(a).withNewStatus().withPhase("Succeeded").endStatus().build());
        assertEquals(0, cache.podCount("n1"));
        Pod b = bound(Fixtures.pod("b", "1", null).build(), "n1");
        cache.updatePod(b);
        cache.removePod(b);
        assertEquals(0, cache.podCount("n1"));
        assertTrue(cache.scheduleAndAssume(Fixtures.pod("q", "1", null).build()).scheduled());
    }

    @Test
    void podMovedToAnotherNodeIsCountedOnlyThere() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n1", "1", "1Gi").build());
        cache.updateNode(Fixtures.node("n2", "1", "1Gi").build());
        Pod p = Fixtures.pod("p", "1", null).build();
        assertEquals("n1", cache.scheduleAndAssume(p).selected().orElseThrow());
        // Another scheduler won the race and bound it to n2: n1 is free again, n2 is full.
        cache.updatePod(bound(p, "n2"));
        assertEquals(0, cache.podCount("n1"));
        assertEquals(1, cache.podCount("n2"));
        assertEquals("n1", cache.scheduleAndAssume(Fixtures.pod("q", "1", null).build()).selected().orElseThrow());
        assertFalse(cache.scheduleAndAssume(Fixtures.pod("r", "1", null).build()).scheduled());
    }

    @Test
    void nodeChangesAreSeenByTheNextDecision() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n1", "1", "1Gi").build());
        assertFalse(cache.scheduleAndAssume(Fixtures.pod("p", "2", null).build()).scheduled());
        cache.updateNode(Fixtures.node("n1", "2", "1Gi").build());
        assertTrue(cache.scheduleAndAssume(Fixtures.pod("p", "2", null).build()).scheduled());
    }

    @Test
    void removedNodeIsNoLongerCandidate() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.ready("n1"));
        cache.removeNode("n1");
        assertEquals("no nodes available to schedule pods", cache.scheduleAndAssume(Fixtures.pod("p")).message());
    }

    @Test
    void anAssumedPodCountsOnItsNodeWithoutTheInformersObjectBeingChanged() {
        SchedulerCache cache = new SchedulerCache();
        cache.updateNode(Fixtures.node("n0", "2", "8Gi").build());
        Pod pod = Fixtures.pod("p", "500m", "100Mi").build();
        String node = cache.scheduleAndAssume(pod).selected().orElseThrow();
        assertEquals(List.of("n0", 1, true), List.of(node, cache.podCount("n0"), cache.isAssumed(pod)));
        assertEquals("n0", cache.assumedNode(pod).orElseThrow());
        assertEquals(null, pod.getSpec().getNodeName(), "the cached pod stays as the API server showed it");
        assertTrue(cache.forget(pod));
        assertEquals(0, cache.podCount("n0"));
        assertFalse(cache.forget(pod));
    }
}
