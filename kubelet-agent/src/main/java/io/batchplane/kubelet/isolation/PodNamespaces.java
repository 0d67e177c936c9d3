package io.batchplane.kubelet.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The process that holds one pod's mount, PID and UTS namespaces (upstream's "pause" container): started
 * with {@code unshare --mount --pid --uts --fork --mount-proc --kill-child}, it sets the pod's host name
 * and then only reaps orphans as the namespace's PID 1. Containers join it with {@code nsenter}; being
 * PID 1, its death makes the kernel kill every process left in the pod, and it dies with the
 * {@code unshare} process the agent started ({@code --kill-child}), so {@link #kill()} ends the whole
 * pod at once. Memory-backed emptyDir volumes are mounted in its mount namespace.
 */
public final class PodNamespaces {

    /** PID 1 reaps what it adopts; without perl it just waits (adopted zombies stay until the pod ends). */
    static final String HOLDER = "hostname \"$0\" || exit 1; echo ready; "
            + "command -v perl >/dev/null && exec perl -e 'while (1) { sleep 1 if wait() < 0 }'; "
            + "while :; do sleep 3600; done";

    private final Process unshare;
    private final long pid;

    private PodNamespaces(Process unshare, long pid) {
        this.unshare = unshare;
        this.pid = pid;
    }

    /**
     * Starts the holder for a pod whose host name is {@code hostname}, in the cgroups whose
     * {@code cgroup.procs} are given (may be none); its errors go to {@code log}.
     */
    public static PodNamespaces start(String hostname, List<Path> cgroupProcs, Path log) throws IOException {
        List<String> unshare = List.of(IsolationProbe.onPath("unshare").map(Path::toString).orElse("unshare"),
                "--mount", "--pid", "--uts", "--fork", "--mount-proc", "--kill-child", "--propagation", "private",
                "--", "/bin/sh", "-c", HOLDER, hostname);
        Process p = new ProcessBuilder(ContainerCommand.argv(cgroupProcs, java.util.OptionalLong.empty(), null, null, null,
                "sandbox", Path.of("/"), unshare))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            Optional<ProcessHandle> init = p.children().findFirst();
            if (!"ready".equals(line) || init.isEmpty()) {
                throw new IOException("the pod's namespaces did not come up (see " + log + ")");
            }
            return new PodNamespaces(p, init.get().pid());
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the pod's namespaces did not come up: " + e, e);
        }
    }

    /** The host pid of the pod's PID 1, the target of {@code nsenter}. */
    public long pid() {
        return pid;
    }

    public boolean alive() {
        return unshare.isAlive();
    }

    /** Runs a command inside the pod's mount namespace and waits for it (e.g. to mount a tmpfs). */
    public void run(List<String> command) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of(IsolationProbe.onPath("nsenter").map(Path::toString)
                .orElse("nsenter"), "-t", Long.toString(pid), "-m", "--"));
        argv.addAll(command);
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGKILL to the holder and so to every process of the pod. */
    public void kill() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
    }
}
