package io.batchplane.scheduler.podgc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.batchplane.client.informer.Indexer;
import io.batchplane.scheduler.decision.PodConditions;
import io.batchplane.scheduler.lifecycle.NodeTaints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodGcControllerTest {

    final FakeClock clock = new FakeClock(Instant.parse("2024-01-01T00:00:00Z"));
    final Indexer<Node> nodes = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final Set<String> nodesInApi = new HashSet<>();
    final List<String> log = new ArrayList<>();
    boolean conflictOnce;
    PodGcController controller;

    /** Applies writes to the pod cache at once, as the watch would shortly after; a finalizer-free pod goes on delete. */
    final PodGcActions api = new PodGcActions() {
        @Override
        public void updatePodStatus(Pod pod) {
            if (conflictOnce) {
                conflictOnce = false;
                throw ApiException.conflict(ResourceType.PODS, pod.getMetadata().getName(), "the object has been modified");
            }
            String target = PodConditions.find(pod, "DisruptionTarget").map(c -> " " + c.getReason()).orElse("");
            log.add("status " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase() + target);
            pods.put(pod);
        }

        @Override
        public void forceDeletePod(Pod pod) {
            log.add("delete " + pod.getMetadata().getName());
            pods.remove(Indexer.key(pod));
        }

        @Override
        public boolean nodeExists(String name) {
            log.add("get node " + name);
            return nodesInApi.contains(name);
        }
    };

    static PodGcConfig config(int threshold) {
        return new PodGcConfig() {
            public boolean enabled() {
                return true;
            }

            public int terminatedPodThreshold() {
                return threshold;
            }

            public Duration gcPeriod() {
                return Duration.ofSeconds(20);
            }

            public Duration quarantineTime() {
                return Duration.ofSeconds(40);
            }

            public boolean finishTerminatingOnUnreachableNodes() {
                return true;
            }
        };
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.stop();
        }
    }

    /** Advances the fake clock by one gc period and waits for the round it triggers to finish. */
    void round() throws InterruptedException {
        int before = log.size();
        long timers = clock.pendingTimers();
        clock.advance(Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (clock.pendingTimers() < timers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(clock.pendingTimers() >= timers, "the round rescheduled itself (log grew by " + (log.size() - before) + ")");
    }

    @Test
    void anOrphanWaitsOutTheQuarantineIsCheckedAgainstTheApiThenFailedAndDeleted() throws Exception {
        pods.put(PodGcDecisionTest.running("orphan", "gone"));
        pods.put(PodGcDecisionTest.running("recreated-node", "back"));
        nodesInApi.add("back");
        controller = new PodGcController(nodes, pods, api, clock, config(12500));
        controller.start();

        round();
        round();
        assertEquals(List.of(), log, "0 s and 20 s into the quarantine nothing is asked");
        round();
        assertEquals(List.of("get node back", "get node gone", "status orphan Failed DeletionByPodGC", "delete orphan"), log);
        assertTrue(pods.get("default", "recreated-node").isPresent(), "a node the API still has keeps its pods");
    }

    @Test
    void aTerminatingPodOnAnUnreachableNodeIsFinishedOnceItsGraceRunsOut() throws Exception {
        nodes.put(PodGcDecisionTest.node("n1", "Unknown", NodeTaints.UNREACHABLE));
        pods.put(PodGcDecisionTest.terminating("evicted", "Running", "n1", "2024-01-01T00:00:30Z", 30));
        controller = new PodGcController(nodes, pods, api, clock, config(12500));
        controller.start();

        round();
        assertEquals(List.of(), log, "grace runs to 30 s; now is 20 s");
        conflictOnce = true;
        round();
        assertEquals(List.of(), log, "a Conflict leaves it to the next round");
        round();
        assertEquals(List.of("status evicted Failed", "delete evicted"), log);
        round();
        assertEquals(2, log.size(), "gone: nothing more to do");
    }

    @Test
    void theOldestFinishedPodsAboveTheThresholdAreDeletedWithoutAStatusWrite() throws Exception {
        nodes.put(PodGcDecisionTest.node("n1", "True"));
        for (int i = 0; i < 5; i++) {
            pods.put(PodGcDecisionTest.finished("done-" + i, 5 - i, i % 2 == 0 ? "Succeeded" : "Failed"));
        }
        pods.put(new PodBuilder(PodGcDecisionTest.running("busy", "n1")).build());
        controller = new PodGcController(nodes, pods, api, clock, config(3));
        assertEquals(2, controller.gc());
        assertEquals(List.of("delete done-4", "delete done-3"), log);
        assertEquals(0, controller.gc(), "at the threshold now");
    }
}
