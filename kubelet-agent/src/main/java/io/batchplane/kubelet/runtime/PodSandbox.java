package io.batchplane.kubelet.runtime;

import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of one pod on this node and where they are in the pod's life: init containers one
 * after the other (each must exit 0 before the next starts), then all containers at once. A container
 * that exits is restarted in place ({@code restartCount}+1, after the crash-loop back-off) when the
 * restart policy asks for it: {@code Always}, or {@code OnFailure} with a non-zero exit. Under
 * {@code Never} a failed init container fails the pod. Before the first container the pod is set up
 * ({@link PodIsolation}); while that fails the containers wait and it is tried again every
 * {@link #SETUP_RETRY}.
 */
final class PodSandbox {

    final String uid;
    final List<Container> inits;
    final List<Container> mains;
    static final java.time.Duration SETUP_RETRY = java.time.Duration.ofSeconds(5);

    final String restartPolicy;
    private final PodIsolation isolation;
    /** Why the pod could not be set up yet (empty: it is, or has not been tried). */
    Optional<String> setupError = Optional.empty();
    /** The current (or last) run of each container, by name. */
    final Map<String, ContainerRun> runs = new LinkedHashMap<>();
    /** The run before the current one, for {@code lastState}. */
    final Map<String, ContainerRun> previous = new LinkedHashMap<>();
    /** Containers waiting out a crash-loop back-off: when they may start again. */
    final Map<String, Instant> backoffUntil = new LinkedHashMap<>();
    boolean terminating;

    PodSandbox(Pod pod, PodPaths paths, IsolationFeatures features, NodeAllocatable node) {
        this.uid = pod.getMetadata().getUid();
        this.inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        this.mains = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        this.restartPolicy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        this.isolation = new PodIsolation(pod, paths, features, node);
    }

    /** Polls the processes and starts whatever is due; returns when to look again (empty: nothing more will happen by itself). */
    synchronized Optional<Instant> advance(Pod pod, Instant now, java.time.Duration poll) {
        if (terminating) {
            return allExited(now) ? Optional.empty() : Optional.of(now.plus(poll));
        }
        if (!isolation.prepared()) {
            setupError = isolation.prepare();
            if (setupError.isPresent()) {
                return Optional.of(now.plus(SETUP_RETRY));
            }
        }
        Instant wake = null;
        for (Container c : inits) {
            ContainerRun run = runs.get(c.getName());
            if (run != null && run.exited(now) && run.exitCode() == 0) {
                continue;
            }
            if (initFailed()) {
                return Optional.empty();
            }
            wake = due(pod, c, now, poll);
            return Optional.ofNullable(wake);
        }
        for (Container c : mains) {
            Instant w = due(pod, c, now, poll);
            if (w != null && (wake == null || w.isBefore(wake))) {
                wake = w;
            }
        }
        return Optional.ofNullable(wake);
    }

    /** Starts, restarts or waits for one container; returns when to look at it again, null if it is done. */
    private Instant due(Pod pod, Container c, Instant now, java.time.Duration poll) {
        ContainerRun run = runs.get(c.getName());
        if (run == null) {
            start(pod, c, 0, now);
            return now.plus(poll);
        }
        if (!run.exited(now)) {
            return now.plus(poll);
        }
        boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && run.exitCode() != 0);
        if (!restart) {
            return null;
        }
        Instant until = backoffUntil.computeIfAbsent(c.getName(),
                n -> run.finishedAt().plus(SimulatedRuntime.backoff(run.restartCount + 1)));
        if (now.isBefore(until)) {
            return until;
        }
        backoffUntil.remove(c.getName());
        previous.put(c.getName(), run);
        start(pod, c, run.restartCount + 1, now);
        return now.plus(poll);
    }

    private void start(Pod pod, Container c, int restartCount, Instant now) {
        runs.put(c.getName(), isolation.start(c, restartCount, now));
    }

    /** Under restart policy Never an init container that failed ends the pod. */
    synchronized boolean initFailed() {
        if (!restartPolicy.equals("Never")) {
            return false;
        }
        for (Container c : inits) {
            ContainerRun run = runs.get(c.getName());
            if (run != null && run.finishedAt() != null && run.exitCode() != 0) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean initialized() {
        for (Container c : inits) {
            ContainerRun run = runs.get(c.getName());
            if (run == null || run.finishedAt() == null || run.exitCode() != 0) {
                return false;
            }
        }
        return true;
    }

    /** SIGTERM to every running container (once). */
    synchronized void terminate() {
        if (!terminating) {
            terminating = true;
            backoffUntil.clear();
            runs.values().forEach(ContainerRun::terminate);
        }
    }

    synchronized void kill() {
        runs.values().forEach(ContainerRun::kill);
    }

    /** After {@link #kill()}: ends the pod's namespaces and removes its cgroups (may take a moment). */
    void release() {
        isolation.release();
    }

    synchronized boolean allExited(Instant now) {
        return runs.values().stream().allMatch(r -> r.exited(now));
    }

    synchronized Optional<ContainerRun> run(String container, boolean previousRun) {
        return Optional.ofNullable(previousRun ? previous.get(container) : runs.get(container));
    }
}
