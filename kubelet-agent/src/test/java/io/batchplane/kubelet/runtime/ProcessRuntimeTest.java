package io.batchplane.kubelet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real {@code sh} processes through {@link ProcessRuntime}, stepping as the pod worker would. */
class ProcessRuntimeTest {

    @TempDir
    Path home;
    ProcessRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = new ProcessRuntime(new PodPaths(home), Duration.ofMillis(50), IsolationFeatures.NONE,
                new NodeAllocatable("2", "4Gi", "10Gi", "127.0.0.1"));
    }

    @AfterEach
    void tearDown() {
        runtime.shutdown();
    }

    @Test
    void exitCodesDecideThePhaseAndLogsAreWritten() throws Exception {
        Pod ok = settle(pod("ok", "Never", List.of(), List.of(sh("main", "echo hello $POD_NAME; exit 0"))), 5_000);
        assertEquals("Succeeded", ok.getStatus().getPhase());
        ContainerStatus main = ok.getStatus().getContainerStatuses().get(0);
        assertEquals(0, main.getState().getTerminated().getExitCode());
        assertEquals("Completed", main.getState().getTerminated().getReason());
        assertEquals("hello ok\n", Files.readString(new PodPaths(home).log("uid-ok", "main", 0)));

        Pod bad = settle(pod("bad", "Never", List.of(), List.of(sh("main", "exit 3"))), 5_000);
        assertEquals("Failed", bad.getStatus().getPhase());
        assertEquals(3, bad.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode());
        assertEquals("Error", bad.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason());
    }

    @Test
    void initContainersRunInOrderAndShareAnEmptyDirWithTheMainContainer() throws Exception {
        Pod p = pod("init", "Never",
                List.of(sh("first", "echo first > $BATCHPLANE_VOLUME_WORK/order"),
                        sh("second", "echo second >> $BATCHPLANE_VOLUME_WORK/order")),
                List.of(sh("main", "cat $BATCHPLANE_VOLUME_WORK/order; test \"$(cat $BATCHPLANE_VOLUME_WORK/order | wc -l)\" = 2")));
        p.getSpec().setVolumes(List.of(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("work")
                .withNewEmptyDir().endEmptyDir().build()));
        Pod done = settle(p, 5_000);
        assertEquals("Succeeded", done.getStatus().getPhase());
        assertEquals(List.of("Completed", "Completed"), done.getStatus().getInitContainerStatuses().stream()
                .map(s -> s.getState().getTerminated().getReason()).toList());
        assertEquals("first\nsecond\n", Files.readString(new PodPaths(home).log("uid-init", "main", 0)));
    }

    @Test
    void aFailedInitContainerFailsANeverPodWithoutStartingTheContainers() {
        Pod done = settle(pod("initfail", "Never", List.of(sh("setup", "exit 7")), List.of(sh("main", "exit 0"))), 5_000);
        assertEquals("Failed", done.getStatus().getPhase());
        assertEquals(7, done.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getExitCode());
        assertEquals("PodInitializing", done.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    }

    @Test
    void onFailureWaitsInCrashLoopBackOffWithTheLastTermination() {
        Pod p = pod("crash", "OnFailure", List.of(), List.of(sh("main", "exit 2")));
        Pod running = settle(p, 2_000);
        ContainerStatus s = running.getStatus().getContainerStatuses().get(0);
        assertEquals("Running", running.getStatus().getPhase());
        assertEquals("CrashLoopBackOff", s.getState().getWaiting().getReason());
        assertEquals(1, s.getRestartCount());
        assertEquals(2, s.getLastState().getTerminated().getExitCode());
    }

    @Test
    void deletionSendsTermThenKillsTheWholeTreeAfterTheGracePeriod() throws Exception {
        Path pids = home.resolve("pids");
        Pod p = pod("trap", "Never", List.of(),
                List.of(sh("main", "trap '' TERM; sleep 30 & echo $! > " + pids + "; echo $$$$ >> " + pids + "; wait")));
        p.getSpec().setTerminationGracePeriodSeconds(1L);
        Pod running = p;
        long deadline = System.currentTimeMillis() + 5_000;
        while (!Files.exists(pids) || Files.readAllLines(pids).size() < 2) {
            running = apply(running);
            assertTrue(System.currentTimeMillis() < deadline, "the process did not start");
            Thread.sleep(20);
        }
        running = apply(running);
        List<Long> tree = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        running.getMetadata().setDeletionTimestamp(Instant.now().toString());
        long asked = System.currentTimeMillis();
        RuntimeStep step = runtime.step(running, Instant.now());
        assertTrue(step.status().isEmpty(), "no final status before the processes are gone");
        Thread.sleep(500);
        assertTrue(ProcessHandle.of(tree.get(1)).map(ProcessHandle::isAlive).orElse(false), "TERM is trapped: still alive");
        while (!(step = runtime.step(running, Instant.now())).delete()) {
            assertTrue(System.currentTimeMillis() - asked < 5_000, "not killed");
            Thread.sleep(20);
        }
        assertTrue(System.currentTimeMillis() - asked >= 900, "killed before the grace period ended");
        for (long pid : tree) {
            long until = System.currentTimeMillis() + 2_000;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
        assertEquals("Failed", step.status().get().getPhase());
        assertEquals(137, step.status().get().getContainerStatuses().get(0).getState().getTerminated().getExitCode());
    }

    @Test
    void whatTheMainProcessLeavesBehindEndsWithIt() throws Exception {
        Path pid = home.resolve("bg");
        Pod done = settle(pod("bg", "Never", List.of(), List.of(sh("main", "sleep 30 & echo $! > " + pid + "; sleep 0.3"))), 5_000);
        assertEquals("Succeeded", done.getStatus().getPhase());
        long bg = Long.parseLong(Files.readString(pid).trim());
        long until = System.currentTimeMillis() + 2_000;
        while (ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false), "the background sleep survived");
    }

    @Test
    void aStartedPodThisAgentDoesNotRunIsReportedFailed() {
        Pod p = pod("lost", "Never", List.of(), List.of(sh("main", "sleep 1")));
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
        RuntimeStep step = runtime.step(p, Instant.now());
        assertEquals("Failed", step.status().get().getPhase());
        assertEquals(ProcessRuntime.LOST_REASON, step.status().get().getReason());
        assertEquals(137, step.status().get().getContainerStatuses().get(0).getState().getTerminated().getExitCode());
        assertNull(step.wakeAt().orElse(null));
    }

    /** Steps the pod until its step asks for no wake-up or the time is up, applying each status. */
    private Pod settle(Pod pod, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        Pod p = pod;
        while (System.currentTimeMillis() < deadline) {
            RuntimeStep step = runtime.step(p, Instant.now());
            if (step.status().isPresent()) {
                p = new PodBuilder(p).withStatus(step.status().get()).build();
            }
            if (step.wakeAt().isEmpty() || "CrashLoopBackOff".equals(waiting(p))) {
                return p;
            }
            sleep(step.wakeAt().get());
        }
        return p;
    }

    private Pod apply(Pod p) {
        RuntimeStep step = runtime.step(p, Instant.now());
        return step.status().isPresent() ? new PodBuilder(p).withStatus(step.status().get()).build() : p;
    }

    private static String waiting(Pod p) {
        List<ContainerStatus> cs = p.getStatus() == null ? null : p.getStatus().getContainerStatuses();
        return cs == null || cs.isEmpty() || cs.get(0).getState().getWaiting() == null ? null
                : cs.get(0).getState().getWaiting().getReason();
    }

    private static void sleep(Instant until) {
        long ms = Math.max(5, Math.min(200, Duration.between(Instant.now(), until).toMillis()));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static io.fabric8.kubernetes.api.model.Container sh(String name, String script) {
        return new ContainerBuilder().withName(name).withImage("busybox").withCommand("sh", "-c").withArgs(script)
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv().build();
    }

    static Pod pod(String name, String restartPolicy, List<io.fabric8.kubernetes.api.model.Container> inits,
            List<io.fabric8.kubernetes.api.model.Container> mains) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .withResourceVersion("1").endMetadata().withNewSpec().withNodeName("n1").withRestartPolicy(restartPolicy)
                .withInitContainers(inits).withContainers(mains).endSpec().build();
    }
}
