package io.batchplane.kubelet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatedRuntimeTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Pod pod(String duration, String exitCode, String restartPolicy) {
        Map<String, String> ann = new HashMap<>();
        if (duration != null) {
            ann.put(Simulation.DURATION, duration);
        }
        if (exitCode != null) {
            ann.put(Simulation.EXIT_CODE, exitCode);
        }
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("p").withUid("u1").withAnnotations(ann).endMetadata()
                .withNewSpec().withNodeName("n1").withRestartPolicy(restartPolicy).addNewContainer().withName("main").withImage("busybox")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
    }

    /** Applies steps, moving time to each wake-up, until nothing more is scheduled or {@code until}. */
    static Pod run(Pod pod, Instant until) {
        Instant now = T0;
        for (int i = 0; i < 50; i++) {
            RuntimeStep s = SimulatedRuntime.step(pod, now);
            if (s.status().isPresent()) {
                pod = new PodBuilder(pod).withStatus(s.status().get()).build();
            }
            if (s.wakeAt().isEmpty() || s.wakeAt().get().isAfter(until)) {
                return pod;
            }
            now = s.wakeAt().get().isAfter(now) ? s.wakeAt().get() : now;
        }
        return pod;
    }

    static ContainerStatus main(Pod p) {
        return p.getStatus().getContainerStatuses().get(0);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("no annotations: succeeds at once", pod(null, null, "Never"), 0, "Succeeded", 0, "Completed"),
                Arguments.of("runs for its duration, still running before", pod("30s", null, "Never"), 29, "Running", null, null),
                Arguments.of("runs for its duration, then succeeds", pod("30s", null, "Never"), 30, "Succeeded", 0, "Completed"),
                Arguments.of("exit code fails the pod", pod("1m", "3", "Never"), 60, "Failed", 3, "Error"),
                Arguments.of("bare seconds", pod("5", "0", "Never"), 5, "Succeeded", 0, "Completed"),
                Arguments.of("unreadable annotations: succeeds", pod("soon", "x", "Never"), 0, "Succeeded", 0, "Completed"),
                Arguments.of("OnFailure with success completes", pod("10s", "0", "OnFailure"), 10, "Succeeded", 0, "Completed"),
                Arguments.of("OnFailure with failure keeps the pod Running", pod("10s", "1", "OnFailure"), 10, "Running", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void outcome(String name, Pod pod, int seconds, String phase, Integer exitCode, String reason) {
        Pod after = run(pod, T0.plusSeconds(seconds));
        assertEquals(phase, after.getStatus().getPhase());
        if (exitCode != null) {
            assertEquals(exitCode, main(after).getState().getTerminated().getExitCode());
            assertEquals(reason, main(after).getState().getTerminated().getReason());
            assertEquals(T0.toString(), main(after).getState().getTerminated().getStartedAt());
            assertEquals(T0.plusSeconds(seconds).toString(), main(after).getState().getTerminated().getFinishedAt());
        }
    }

    @Test
    void runningPodReportsReadyContainersAndTimes() {
        RuntimeStep s = SimulatedRuntime.step(pod("30s", null, "Never"), T0.plusMillis(400));
        PodStatus st = s.status().orElseThrow();
        assertEquals("Running", st.getPhase());
        assertEquals(T0.toString(), st.getStartTime());
        assertTrue(main(new PodBuilder().withStatus(st).build()).getReady());
        assertEquals("sim://u1/main", st.getContainerStatuses().get(0).getContainerID());
        assertEquals(Optional.of(T0.plusSeconds(30)), s.wakeAt());
        assertTrue(st.getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
        // Nothing to write until the duration is up.
        Pod running = new PodBuilder(pod("30s", null, "Never")).withStatus(st).build();
        assertEquals(new RuntimeStep(Optional.empty(), false, Optional.of(T0.plusSeconds(30))), SimulatedRuntime.step(running, T0.plusSeconds(10)));
    }

    @Test
    void onFailureRestartsAfterBackoffWithRestartCount() {
        Pod p = run(pod("10s", "1", "OnFailure"), T0.plusSeconds(10));
        assertEquals("CrashLoopBackOff", main(p).getState().getWaiting().getReason());
        assertEquals(1, main(p).getRestartCount());
        assertEquals(1, main(p).getLastState().getTerminated().getExitCode());
        Pod again = run(pod("10s", "1", "OnFailure"), T0.plusSeconds(20));
        assertEquals(T0.plusSeconds(20).toString(), main(again).getState().getRunning().getStartedAt());
        assertEquals(1, main(again).getRestartCount());
        assertEquals(Duration.ofSeconds(10), SimulatedRuntime.backoff(1));
        assertEquals(Duration.ofSeconds(40), SimulatedRuntime.backoff(3));
        assertEquals(Duration.ofMinutes(5), SimulatedRuntime.backoff(20));
    }

    @Test
    void deletionOfARunningPodReportsFailedThenDeletes() {
        Pod running = run(pod("1h", null, "Never"), T0);
        Pod deleting = new PodBuilder(running).editMetadata().withDeletionTimestamp("2024-01-01T00:00:30Z").endMetadata().build();
        RuntimeStep s = SimulatedRuntime.step(deleting, T0.plusSeconds(5));
        assertTrue(s.delete());
        PodStatus st = s.status().orElseThrow();
        assertEquals("Failed", st.getPhase());
        assertEquals(143, st.getContainerStatuses().get(0).getState().getTerminated().getExitCode());
        assertEquals(T0.plusSeconds(5).toString(), st.getContainerStatuses().get(0).getState().getTerminated().getFinishedAt());

        Pod pending = new PodBuilder(pod("1h", null, "Never")).editMetadata().withDeletionTimestamp("2024-01-01T00:00:30Z").endMetadata().build();
        assertEquals(137, SimulatedRuntime.step(pending, T0).status().orElseThrow().getContainerStatuses().get(0).getState()
                .getTerminated().getExitCode());
    }

    @Test
    void terminalPodIsLeftAloneUntilDeletedThenJustDeleted() {
        Pod done = run(pod(null, null, "Never"), T0);
        assertEquals(RuntimeStep.NOTHING, SimulatedRuntime.step(done, T0.plusSeconds(100)));
        Pod deleting = new PodBuilder(done).editMetadata().withDeletionTimestamp("2024-01-01T00:00:30Z").endMetadata().build();
        RuntimeStep s = SimulatedRuntime.step(deleting, T0.plusSeconds(100));
        assertTrue(s.delete());
        assertFalse(s.status().isPresent());
    }

    @Test
    void durationText() {
        assertEquals(Duration.ofSeconds(90), DurationText.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
        assertEquals(Duration.ofSeconds(45), DurationText.parse("45"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DurationText.parse("10 parsecs"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DurationText.parse("-5s"));
    }
}
