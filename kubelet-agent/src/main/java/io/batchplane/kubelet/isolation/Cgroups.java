package io.batchplane.kubelet.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cgroup v1 directories of one container run: {@code <hierarchy>/batchplane/<pod uid>/<container>-<restartCount>}
 * under the memory and cpu hierarchies this node may use. The run's processes join it before the command
 * starts (so everything it forks is counted); its {@code memory.oom_control} counts OOM kills for
 * {@link TerminationReason}. The pod's namespace holder has a {@code sandbox} leaf of its own (no
 * limits), so every process of the pod is in one of the pod's directories. A pod's directories are
 * removed when the pod ends ({@link #removePod}); a pod whose processes a previous agent left behind
 * (it died without its shutdown) is found and ended through them ({@link #killPod}).
 */
public final class Cgroups {

    static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");
    static final Path CPU = Path.of("/sys/fs/cgroup/cpu");
    static final String PARENT = "batchplane";

    private final List<Path> dirs;
    private final Path memory;

    private Cgroups(List<Path> dirs, Path memory) {
        this.dirs = dirs;
        this.memory = memory;
    }

    /** Creates the run's directories and writes its limits; with no hierarchy allowed, a no-op set. */
    public static Cgroups create(IsolationFeatures features, String uid, String container, int restartCount,
            CgroupLimits limits) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Path memory = null;
        String leaf = container + "-" + restartCount;
        if (features.memoryCgroup()) {
            memory = fresh(MEMORY.resolve(PARENT).resolve(uid).resolve(leaf));
            if (limits.memoryBytes().isPresent()) {
                String bytes = Long.toString(limits.memoryBytes().getAsLong());
                Files.writeString(memory.resolve("memory.limit_in_bytes"), bytes);
                if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                    Files.writeString(memory.resolve("memory.memsw.limit_in_bytes"), bytes);
                }
            }
            dirs.add(memory);
        }
        if (features.cpuCgroup()) {
            Path cpu = fresh(CPU.resolve(PARENT).resolve(uid).resolve(leaf));
            Files.writeString(cpu.resolve("cpu.shares"), Long.toString(limits.cpuShares()));
            if (limits.cpuQuotaMicros().isPresent()) {
                Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(CgroupLimits.CPU_PERIOD_MICROS));
                Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaMicros().getAsLong()));
            }
            dirs.add(cpu);
        }
        return new Cgroups(List.copyOf(dirs), memory);
    }

    /** The directories of the pod's namespace holder ({@code sandbox}, no limits). */
    public static Cgroups sandbox(IsolationFeatures features, String uid) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path h : hierarchies(features)) {
            dirs.add(fresh(h.resolve(PARENT).resolve(uid).resolve("sandbox")));
        }
        return new Cgroups(List.copyOf(dirs), null);
    }

    /**
     * SIGKILL to every process in the pod's cgroups (what a previous agent left running), then removes
     * them; true when they are gone (or there were none).
     */
    public static boolean killPod(IsolationFeatures features, String uid) {
        for (Path h : hierarchies(features)) {
            Path pod = h.resolve(PARENT).resolve(uid);
            if (!Files.isDirectory(pod)) {
                continue;
            }
            try (Stream<Path> runs = Files.list(pod)) {
                for (Path run : runs.filter(Files::isDirectory).toList()) {
                    for (String pid : Files.readAllLines(run.resolve("cgroup.procs"))) {
                        if (!pid.isBlank()) {
                            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }
        return removePodWaiting(uid);
    }

    /** {@link #removePod}, tried for up to 2 s while the killed processes go away. */
    public static boolean removePodWaiting(String uid) {
        for (int i = 0; i < 20; i++) {
            if (removePod(uid)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return removePod(uid);
    }

    private static List<Path> hierarchies(IsolationFeatures features) {
        List<Path> out = new ArrayList<>();
        if (features.memoryCgroup()) {
            out.add(MEMORY);
        }
        if (features.cpuCgroup()) {
            out.add(CPU);
        }
        return out;
    }

    /** The {@code cgroup.procs} files a process writes its pid to, to join. */
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** OOM kills in the run's memory cgroup so far; -1 when unknown (no memory cgroup). */
    public long oomKills() {
        if (memory == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(memory.resolve("memory.oom_control"))) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).trim());
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Removes the directories of every run of the pod that have no process left; true when all are gone. */
    public static boolean removePod(String uid) {
        boolean all = true;
        for (Path h : List.of(MEMORY, CPU)) {
            Path pod = h.resolve(PARENT).resolve(uid);
            if (!Files.isDirectory(pod)) {
                continue;
            }
            try (Stream<Path> runs = Files.list(pod)) {
                for (Path run : runs.filter(Files::isDirectory).toList()) {
                    all &= rmdir(run);
                }
            } catch (IOException e) {
                all = false;
            }
            all &= rmdir(pod);
        }
        return all;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            rmdir(dir);
        }
        return Files.createDirectories(dir);
    }

    /** A cgroup directory goes with rmdir only (its control files cannot be deleted one by one). */
    private static boolean rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
