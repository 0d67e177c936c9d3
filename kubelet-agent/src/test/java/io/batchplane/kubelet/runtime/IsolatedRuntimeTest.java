package io.batchplane.kubelet.runtime;

import static io.batchplane.kubelet.runtime.ProcessRuntimeTest.pod;
import static io.batchplane.kubelet.runtime.ProcessRuntimeTest.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.isolation.IsolationProbe;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods with namespaces, volumes at their mount paths and cgroup limits, on a machine that allows them
 * (root, unshare/nsenter, cgroup v1 memory): skipped elsewhere.
 */
class IsolatedRuntimeTest {

    @TempDir
    Path home;
    ProcessRuntime runtime;
    IsolationFeatures features;

    @BeforeEach
    void setUp() {
        features = IsolationFeatures.plan(IsolationProbe.run());
        Assumptions.assumeTrue(features.namespaces() && features.memoryCgroup(), "no isolation here: " + features.unavailable());
        runtime = new ProcessRuntime(new PodPaths(home), Duration.ofMillis(50), features,
                new NodeAllocatable("3", "2Gi", "10Gi", "127.0.0.1"));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.shutdown();
        }
    }

    @Test
    void anEmptyDirAtAMountPathMissingOnTheHostIsSharedByInitAndMainWithoutTouchingTheHost() throws Exception {
        Path missing = Path.of("/bp-test-" + UUID.randomUUID());
        String at = missing.resolve("data").toString();
        Container init = mount(sh("prepare", "echo from-init > " + at + "/item"), "work", at);
        Container main = mount(sh("main", "cat " + at + "/item; hostname; echo pid $$$$; "
                + "stat -f -c %T /scratch; echo $MEM $CPU"), "work", at);
        main = mount(main, "scratch", "/scratch");
        main.getEnv().add(resourceEnv("MEM", "limits.memory", "1Mi"));
        main.getEnv().add(resourceEnv("CPU", "limits.cpu", "1m"));
        Pod p = pod("iso", "Never", List.of(init), List.of(main));
        p.getSpec().setHostname("iso-7");
        p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("scratch").withNewEmptyDir().withMedium("Memory").endEmptyDir().build()));
        Pod done = settle(p, 20_000);
        String log = Files.readString(new PodPaths(home).log("uid-iso", "main", 0));
        assertEquals("Succeeded", done.getStatus().getPhase(), log);
        List<String> lines = log.lines().toList();
        assertEquals("from-init", lines.get(0));
        assertEquals("iso-7", lines.get(1));
        assertTrue(Integer.parseInt(lines.get(2).substring(4)) < 100, "a pod-sized PID namespace: " + lines.get(2));
        assertEquals("tmpfs", lines.get(3));
        assertEquals("2048 3000", lines.get(4));
        assertFalse(Files.exists(missing), "the mount path leaked onto the host");
        assertEquals("127.0.0.1", done.getStatus().getPodIP());
    }

    @Test
    void downwardApiFilesSubPathsAndReadOnlyMountsAppearAsAsked() throws Exception {
        Container main = new ContainerBuilder(sh("main", "cat /etc/podinfo/labels; echo; cat /etc/podinfo/mem; echo; "
                + "echo sub > /sub/f && ls $BATCHPLANE_VOLUME_WORK/part; echo x > /ro/f || echo read-only"))
                .addNewVolumeMount().withName("info").withMountPath("/etc/podinfo").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("work").withMountPath("/sub").withSubPath("part").endVolumeMount()
                .addNewVolumeMount().withName("work").withMountPath("/ro").withReadOnly(true).endVolumeMount()
                .withNewResources().withLimits(Map.of("memory", new Quantity("64Mi"))).endResources().build();
        Pod p = pod("dapi", "Never", List.of(), List.of(main));
        p.getMetadata().setLabels(Map.of("app", "demo", "tier", "batch"));
        p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("info").withNewDownwardAPI()
                        .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
                        .addNewItem().withPath("mem").withNewResourceFieldRef().withContainerName("main")
                        .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endItem()
                        .endDownwardAPI().build()));
        Pod done = settle(p, 20_000);
        String log = Files.readString(new PodPaths(home).log("uid-dapi", "main", 0));
        assertEquals("Succeeded", done.getStatus().getPhase(), log);
        List<String> lines = log.lines().toList();
        assertEquals(List.of("app=\"demo\"", "tier=\"batch\"", "64", "f"), lines.subList(0, 4));
        assertTrue(lines.get(lines.size() - 1).equals("read-only"), log);
    }

    @Test
    void aContainerOverItsMemoryLimitIsOomKilled() {
        Container hog = new ContainerBuilder().withName("hog").withImage("python").withCommand("python3", "-c",
                "b = bytearray(200 * 1024 * 1024); print(len(b))").withNewResources()
                .withLimits(Map.of("memory", new Quantity("50Mi"))).endResources().build();
        Pod done = settle(pod("oom", "Never", List.of(), List.of(hog)), 30_000);
        ContainerStatus s = done.getStatus().getContainerStatuses().get(0);
        assertEquals("Failed", done.getStatus().getPhase());
        assertEquals("OOMKilled", s.getState().getTerminated().getReason());
        assertEquals(137, s.getState().getTerminated().getExitCode());
    }

    @Test
    void aCpuLimitBecomesTheCfsQuotaOfTheContainersCgroup() throws Exception {
        Container c = new ContainerBuilder(sh("main", "d=$(sed -n 's/^[0-9]*:cpu:\\(.*\\)$/\\1/p' /proc/self/cgroup); "
                + "cat /sys/fs/cgroup/cpu$d/cpu.cfs_quota_us /sys/fs/cgroup/cpu$d/cpu.shares")).withNewResources()
                .withLimits(Map.of("cpu", new Quantity("500m"))).endResources().build();
        Assumptions.assumeTrue(features.cpuCgroup(), "no cpu cgroup");
        Pod done = settle(pod("cpu", "Never", List.of(), List.of(c)), 20_000);
        String log = Files.readString(new PodPaths(home).log("uid-cpu", "main", 0));
        assertEquals("Succeeded", done.getStatus().getPhase(), log);
        assertEquals(List.of("50000", "512"), log.lines().toList());
    }

    @Test
    void withCgroupsButNoNamespacesPlainProcessesAreStillLimited() throws Exception {
        runtime.shutdown();
        runtime = new ProcessRuntime(new PodPaths(home), Duration.ofMillis(50),
                new IsolationFeatures(false, true, false, List.of("namespaces off for this test")),
                new NodeAllocatable("3", "2Gi", "10Gi", "127.0.0.1"));
        aContainerOverItsMemoryLimitIsOomKilled();
        Pod plain = pod("plain", "Never", List.of(), List.of(sh("main", "hostname; echo $HOSTNAME")));
        plain.getSpec().setHostname("not-applied");
        Pod done = settle(plain, 10_000);
        assertEquals("Succeeded", done.getStatus().getPhase());
        String log = Files.readString(new PodPaths(home).log("uid-plain", "main", 0));
        assertEquals(List.of(java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0], "not-applied"),
                List.of(log.lines().toList().get(0).split("\\.")[0], log.lines().toList().get(1)));
    }

    @Test
    void whatAPreviousAgentLeftRunningForALostPodIsKilledThroughItsCgroups() throws Exception {
        Pod p = pod("orphan", "Never", List.of(), List.of(sh("main", "echo up; sleep 300")));
        Path log = new PodPaths(home).log("uid-orphan", "main", 0);
        long deadline = System.currentTimeMillis() + 20_000;
        Pod running = p;
        while (!(Files.exists(log) && Files.readString(log).contains("up"))) {
            RuntimeStep step = runtime.step(running, Instant.now());
            if (step.status().isPresent()) {
                running = new PodBuilder(running).withStatus(step.status().get()).build();
            }
            assertTrue(System.currentTimeMillis() < deadline, "did not start");
            Thread.sleep(50);
        }
        running = new PodBuilder(running).withStatus(runtime.step(running, Instant.now()).status().orElse(running.getStatus())).build();
        Path pod = Path.of("/sys/fs/cgroup/memory/batchplane/uid-orphan");
        List<Long> pids = new java.util.ArrayList<>();
        try (var runs = Files.list(pod)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Files.readAllLines(run.resolve("cgroup.procs")).forEach(l -> pids.add(Long.parseLong(l.trim())));
            }
        }
        assertTrue(pids.size() >= 2, "the holder and the container are in the pod's cgroups: " + pids);
        ProcessRuntime next = new ProcessRuntime(new PodPaths(home), Duration.ofMillis(50), features,
                new NodeAllocatable("3", "2Gi", "10Gi", "127.0.0.1"));
        try {
            RuntimeStep step = next.step(running, Instant.now());
            assertEquals(ProcessRuntime.LOST_REASON, step.status().get().getReason());
            long until = System.currentTimeMillis() + 10_000;
            while ((Files.exists(pod) || pids.stream().anyMatch(IsolatedRuntimeTest::alive)) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertFalse(pids.stream().anyMatch(IsolatedRuntimeTest::alive), "left running: " + pids);
            assertFalse(Files.exists(pod), "cgroup left behind");
        } finally {
            next.shutdown();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aMissingHostPathDirectoryKeepsThePodCreating() {
        Container c = mount(sh("main", "true"), "host", "/h");
        Pod p = pod("hp", "Never", List.of(), List.of(c));
        p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("host").withNewHostPath()
                .withPath(home.resolve("absent").toString()).withType("Directory").endHostPath().build()));
        RuntimeStep step = runtime.step(p, Instant.now());
        ContainerStatus s = step.status().get().getContainerStatuses().get(0);
        assertEquals("Pending", step.status().get().getPhase());
        assertEquals("ContainerCreating", s.getState().getWaiting().getReason());
        assertTrue(s.getState().getWaiting().getMessage().contains("does not exist"), s.getState().getWaiting().getMessage());
    }

    private static Container mount(Container c, String volume, String at) {
        return new ContainerBuilder(c).addNewVolumeMount().withName(volume).withMountPath(at).endVolumeMount().build();
    }

    private static io.fabric8.kubernetes.api.model.EnvVar resourceEnv(String name, String resource, String divisor) {
        return new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName(name).withNewValueFrom()
                .withNewResourceFieldRef().withResource(resource).withDivisor(new Quantity(divisor)).endResourceFieldRef()
                .endValueFrom().build();
    }

    private Pod settle(Pod pod, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        Pod p = pod;
        while (System.currentTimeMillis() < deadline) {
            RuntimeStep step = runtime.step(p, Instant.now());
            if (step.status().isPresent()) {
                p = new PodBuilder(p).withStatus(step.status().get()).build();
            }
            if (step.wakeAt().isEmpty()) {
                return p;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return p;
    }
}
