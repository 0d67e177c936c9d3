package io.batchplane.kubelet.runtime;

import io.batchplane.kubelet.isolation.Cgroups;
import io.batchplane.kubelet.isolation.TerminationReason;
import io.batchplane.kubelet.process.ContainerLaunch;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of one container as a local process: started with its {@link ContainerLaunch}, stdout and
 * stderr appended to {@code log}. A process that cannot be started counts as exited with 128, reason
 * {@code StartError}. {@link #exitCode()} is 128+signal for a process ended by a signal (143 after
 * SIGTERM, 137 after SIGKILL), as a container runtime reports it. When the main process ends, the
 * descendants seen while it ran are killed, as the end of a container's PID 1 ends the container.
 * When the run entered the pod's namespaces through {@code nsenter}, the container's main process is
 * the child of the started one, and SIGTERM goes there. With a memory cgroup the run's OOM kills are
 * read when it ends, for {@code OOMKilled} ({@link TerminationReason}).
 */
final class ContainerRun {

    final String name;
    final int restartCount;
    final Path log;
    final Instant startedAt;
    private final Process process;
    private final String startError;
    private final Cgroups cgroups;
    private final boolean entered;
    private long oomKills = -1;
    private final List<ProcessHandle> tree = new ArrayList<>();
    private Instant finishedAt;

    private ContainerRun(String name, int restartCount, Path log, Instant startedAt, Process process, String startError,
            Cgroups cgroups, boolean entered) {
        this.cgroups = cgroups;
        this.entered = entered;
        this.name = name;
        this.restartCount = restartCount;
        this.log = log;
        this.startedAt = startedAt;
        this.process = process;
        this.startError = startError;
        this.finishedAt = process == null ? startedAt : null;
    }

    /** A plain process on the host, as the launch says. */
    static ContainerRun start(String name, int restartCount, ContainerLaunch launch, Path log, Instant now) {
        return start(name, restartCount, launch, launch.argv(), launch.workingDir(), null, false, log, now);
    }

    /**
     * Starts {@code argv} (the launch's command, possibly wrapped) in {@code hostDir}; {@code cgroups}
     * (nullable) are the run's; {@code entered}: the container's main process is the child of the started one.
     */
    static ContainerRun start(String name, int restartCount, ContainerLaunch launch, java.util.List<String> argv,
            Path hostDir, Cgroups cgroups, boolean entered, Path log, Instant now) {
        try {
            Files.createDirectories(log.getParent());
            if (launch.argv().isEmpty()) {
                return new ContainerRun(name, restartCount, log, now, null,
                        "no command: the container has neither command nor args", cgroups, entered);
            }
            File wd = hostDir.toFile();
            if (!wd.isDirectory()) {
                Files.createDirectories(hostDir);
            }
            ProcessBuilder pb = new ProcessBuilder(argv).directory(wd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(launch.env());
            return new ContainerRun(name, restartCount, log, now, pb.start(), null, cgroups, entered);
        } catch (IOException | RuntimeException e) {
            return new ContainerRun(name, restartCount, log, now, null, e.getMessage(), cgroups, entered);
        }
    }

    /** Whether the main process has exited (or never started); records the finish time on first sight. */
    synchronized boolean exited(Instant now) {
        if (finishedAt != null) {
            return true;
        }
        if (process.isAlive()) {
            process.descendants().filter(h -> !tree.contains(h)).forEach(tree::add);
            return false;
        }
        finishedAt = now;
        tree.forEach(ProcessHandle::destroyForcibly);
        if (cgroups != null) {
            oomKills = cgroups.oomKills();
        }
        return true;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    synchronized Instant finishedAt() {
        return finishedAt;
    }

    int exitCode() {
        return process == null ? 128 : process.exitValue();
    }

    synchronized String reason() {
        return TerminationReason.of(startError != null, exitCode(), oomKills);
    }

    String message() {
        return startError;
    }

    /** SIGTERM to the main process (a container's PID 1); its descendants are remembered for {@link #kill()}. */
    synchronized void terminate() {
        if (running()) {
            process.descendants().forEach(tree::add);
            java.util.List<ProcessHandle> main = entered ? process.children().toList() : java.util.List.of();
            if (!main.isEmpty()) {
                main.forEach(ProcessHandle::destroy);
            } else {
                process.destroy();
            }
        }
    }

    /** SIGKILL to the main process and every descendant seen now or at {@link #terminate()}. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
