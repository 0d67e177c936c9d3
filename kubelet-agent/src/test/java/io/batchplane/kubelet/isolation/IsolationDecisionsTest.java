package io.batchplane.kubelet.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables for the pure decisions: feature plan, hostPath checks, termination reasons, cgroup limits. */
class IsolationDecisionsTest {

    static Stream<Arguments> probes() {
        return Stream.of(
                Arguments.of("everything", new IsolationFeatures.Probe(true, true, true, true, true, true), true, true, true, 0),
                Arguments.of("not root", new IsolationFeatures.Probe(false, true, true, false, true, true), false, false, false, 3),
                Arguments.of("no unshare", new IsolationFeatures.Probe(true, false, true, false, true, true), false, true, true, 1),
                Arguments.of("no nsenter", new IsolationFeatures.Probe(true, true, false, true, true, true), false, true, true, 1),
                Arguments.of("unshare fails", new IsolationFeatures.Probe(true, true, true, false, true, true), false, true, true, 1),
                Arguments.of("no memory cgroup", new IsolationFeatures.Probe(true, true, true, true, false, true), true, false, true, 1),
                Arguments.of("no cgroups", new IsolationFeatures.Probe(true, true, true, true, false, false), true, false, false, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void probeResultsDecideTheFeatures(String name, IsolationFeatures.Probe probe, boolean ns, boolean memory, boolean cpu,
            int unavailable) {
        IsolationFeatures f = IsolationFeatures.plan(probe);
        assertEquals(List.of(ns, memory, cpu, unavailable), List.of(f.namespaces(), f.memoryCgroup(), f.cpuCgroup(),
                f.unavailable().size()), f.unavailable().toString());
    }

    static Stream<Arguments> hostPaths() {
        return Stream.of(
                Arguments.of("no type, missing", null, FileKind.MISSING, null, null),
                Arguments.of("DirectoryOrCreate, missing", "DirectoryOrCreate", FileKind.MISSING, FileKind.DIRECTORY, null),
                Arguments.of("DirectoryOrCreate, a dir", "DirectoryOrCreate", FileKind.DIRECTORY, null, null),
                Arguments.of("DirectoryOrCreate, a file", "DirectoryOrCreate", FileKind.FILE, null, "is not a directory"),
                Arguments.of("Directory, missing", "Directory", FileKind.MISSING, null, "does not exist"),
                Arguments.of("Directory, a dir", "Directory", FileKind.DIRECTORY, null, null),
                Arguments.of("FileOrCreate, missing", "FileOrCreate", FileKind.MISSING, FileKind.FILE, null),
                Arguments.of("File, a dir", "File", FileKind.DIRECTORY, null, "is not a file"),
                Arguments.of("File, a file", "File", FileKind.FILE, null, null),
                Arguments.of("Socket, a socket", "Socket", FileKind.SOCKET, null, null),
                Arguments.of("CharDevice, a file", "CharDevice", FileKind.FILE, null, "is not a character device"),
                Arguments.of("BlockDevice, a block device", "BlockDevice", FileKind.BLOCK_DEVICE, null, null),
                Arguments.of("unknown type", "Fifo", FileKind.FILE, null, "unknown type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostPaths")
    void hostPathTypeChecks(String name, String type, FileKind found, FileKind create, String error) {
        HostPathCheck.Outcome o = HostPathCheck.check(type, "/x", found);
        assertEquals(Optional.ofNullable(create), o.create());
        assertEquals(error == null, o.error().isEmpty(), o.error().toString());
        if (error != null) {
            assertEquals(true, o.error().get().contains(error), o.error().get());
        }
    }

    static Stream<Arguments> terminations() {
        return Stream.of(
                Arguments.of("exit 0", false, 0, 0L, "Completed"),
                Arguments.of("exit 1", false, 1, 0L, "Error"),
                Arguments.of("SIGKILL without an OOM kill", false, 137, 0L, "Error"),
                Arguments.of("SIGKILL with an OOM kill", false, 137, 1L, "OOMKilled"),
                Arguments.of("a child OOM-killed, main exits 1", false, 1, 1L, "OOMKilled"),
                Arguments.of("137 and no memory cgroup", false, 137, -1L, "Error"),
                Arguments.of("could not start", true, 128, 0L, "StartError"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminations")
    void terminationReasons(String name, boolean startError, int exit, long oomKills, String reason) {
        assertEquals(reason, TerminationReason.of(startError, exit, oomKills));
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("nothing set", Map.of(), Map.of(), OptionalLong.empty(), OptionalLong.empty(), 2L),
                Arguments.of("50Mi memory", Map.of("memory", "50Mi"), Map.of(), OptionalLong.of(52428800), OptionalLong.empty(), 2L),
                Arguments.of("fractional memory rounds up", Map.of("memory", "1.5"), Map.of(), OptionalLong.of(2), OptionalLong.empty(), 2L),
                Arguments.of("half a CPU", Map.of("cpu", "500m"), Map.of(), OptionalLong.empty(), OptionalLong.of(50_000), 512L),
                Arguments.of("tiny CPU gets the 1 ms minimum", Map.of("cpu", "1m"), Map.of(), OptionalLong.empty(), OptionalLong.of(1_000), 2L),
                Arguments.of("request decides shares", Map.of("cpu", "2"), Map.of("cpu", "250m"), OptionalLong.empty(), OptionalLong.of(200_000), 256L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void cgroupLimitsFromResources(String name, Map<String, String> limits, Map<String, String> requests,
            OptionalLong memory, OptionalLong quota, long shares) {
        CgroupLimits l = CgroupLimits.of(container(limits, requests));
        assertEquals(List.of(memory, quota, shares), List.of(l.memoryBytes(), l.cpuQuotaMicros(), l.cpuShares()));
    }

    static Container container(Map<String, String> limits, Map<String, String> requests) {
        Map<String, Quantity> l = new HashMap<>();
        limits.forEach((k, v) -> l.put(k, new Quantity(v)));
        Map<String, Quantity> r = new HashMap<>();
        requests.forEach((k, v) -> r.put(k, new Quantity(v)));
        return new ContainerBuilder().withName("c").withNewResources().withLimits(l).withRequests(r).endResources().build();
    }
}
