package io.batchplane.kubelet.runtime;

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
 */
final class ContainerRun {

    final String name;
    final int restartCount;
    final Path log;
    final Instant startedAt;
    private final Process process;
    private final String startError;
    private final List<ProcessHandle> tree = new ArrayList<>();
    private Instant finishedAt;

    private ContainerRun(String name, int restartCount, Path log, Instant startedAt, Process process, String startError) {
        this.name = name;
        this.restartCount = restartCount;
        this.log = log;
        this.startedAt = startedAt;
        this.process = process;
        this.startError = startError;
        this.finishedAt = process == null ? startedAt : null;
    }

    static ContainerRun start(String name, int restartCount, ContainerLaunch launch, Path log, Instant now) {
        try {
            Files.createDirectories(log.getParent());
            if (launch.argv().isEmpty()) {
                return new ContainerRun(name, restartCount, log, now, null, "no command: the container has neither command nor args");
            }
            File wd = launch.workingDir().toFile();
            if (!wd.isDirectory()) {
                Files.createDirectories(launch.workingDir());
            }
            ProcessBuilder pb = new ProcessBuilder(launch.argv()).directory(wd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(launch.env());
            return new ContainerRun(name, restartCount, log, now, pb.start(), null);
        } catch (IOException | RuntimeException e) {
            return new ContainerRun(name, restartCount, log, now, null, e.getMessage());
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

    String reason() {
        if (startError != null) {
            return "StartError";
        }
        return exitCode() == 0 ? "Completed" : "Error";
    }

    String message() {
        return startError;
    }

    /** SIGTERM to the main process (a container's PID 1); its descendants are remembered for {@link #kill()}. */
    synchronized void terminate() {
        if (running()) {
            process.descendants().forEach(tree::add);
            process.destroy();
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
