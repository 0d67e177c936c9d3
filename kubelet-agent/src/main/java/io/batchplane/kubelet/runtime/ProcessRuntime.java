package io.batchplane.kubelet.runtime;

import io.batchplane.kubelet.isolation.Cgroups;
import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each pod's containers as local processes ({@link PodSandbox}; how each is started:
 * {@link io.batchplane.kubelet.process.ContainerLaunch}). The image is only recorded: the host's
 * binaries run. The pod's status is computed from the processes ({@link SandboxStatus}) and written
 * only when it changes; running pods are polled every {@code poll}. How far pods are isolated
 * (namespaces, volumes at their mount paths, cgroups) is decided once by {@link IsolationFeatures}.
 *
 * <p>Deletion: SIGTERM to every running container, SIGKILL to each one's whole process tree after
 * the deletion grace period ({@code deletionGracePeriodSeconds}, else
 * {@code terminationGracePeriodSeconds}, else 30 s); once all have exited the final status is
 * reported and the pod deleted with grace 0.
 *
 * <p>An agent restart loses its processes: a pod that had started (phase Running, or any container
 * running or terminated) but has no sandbox here is reported Failed, its containers terminated 137
 * {@code ContainerStatusUnknown}, rather than left Running forever; whatever a previous agent left
 * running for it in the pod's cgroups is killed.
 */
public final class ProcessRuntime implements PodRuntime {

    static final String LOST_REASON = "NodeAgentRestarted";

    private final PodPaths paths;
    private final Duration poll;
    private final IsolationFeatures features;
    private final NodeAllocatable node;
    private final Map<String, PodSandbox> sandboxes = new ConcurrentHashMap<>();
    /** namespace/name → uid of every pod seen here and not yet gone, so logs outlive the processes. */
    private final Map<String, String> uids = new ConcurrentHashMap<>();
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-killer");
        t.setDaemon(true);
        return t;
    });
    /** Ends pods' namespaces and removes their cgroups, which may wait a moment; apart from the timed kills. */
    private final java.util.concurrent.ExecutorService cleaner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pod-cleaner");
        t.setDaemon(true);
        return t;
    });

    public ProcessRuntime(PodPaths paths, Duration poll, IsolationFeatures features, NodeAllocatable node) {
        this.paths = paths;
        this.poll = poll;
        this.features = features;
        this.node = node;
    }

    @Override
    public RuntimeStep step(Pod pod, Instant now) {
        String uid = pod.getMetadata().getUid();
        uids.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), uid);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null ? "Pending" : status.getPhase();
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            PodSandbox done = sandboxes.remove(uid);
            if (done != null) {
                done.kill();
                cleaner.execute(done::release);
            }
            return deleting ? new RuntimeStep(Optional.empty(), true, Optional.empty()) : RuntimeStep.NOTHING;
        }
        PodSandbox sb = sandboxes.get(uid);
        if (sb == null) {
            if (started(status)) {
                if (features.memoryCgroup() || features.cpuCgroup()) {
                    cleaner.execute(() -> Cgroups.killPod(features, uid));
                }
                return new RuntimeStep(Optional.of(lost(pod, status, now)), deleting, Optional.empty());
            }
            if (deleting) {
                return SimulatedRuntime.step(pod, now);
            }
            sb = new PodSandbox(pod, paths, features, node);
            sandboxes.put(uid, sb);
        }
        if (deleting && !sb.terminating) {
            sb.terminate();
            PodSandbox doomed = sb;
            killer.schedule(doomed::kill, gracePeriod(pod).toMillis(), TimeUnit.MILLISECONDS);
        }
        Optional<Instant> wake = sb.advance(pod, now, poll);
        PodStatus next = SandboxStatus.of(pod, sb, now, node.address());
        boolean terminal = next.getPhase().equals("Succeeded") || next.getPhase().equals("Failed");
        if (deleting && !terminal) {
            return new RuntimeStep(Optional.empty(), false, Optional.of(now.plus(poll)));
        }
        Optional<PodStatus> write = next.equals(status) ? Optional.empty() : Optional.of(next);
        return new RuntimeStep(write, deleting && terminal, terminal ? Optional.empty() : wake);
    }

    /** The pod left this node (deleted, possibly forcibly): its processes are killed at once. */
    @Override
    public void podGone(Pod pod) {
        uids.remove(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod.getMetadata().getUid());
        PodSandbox sb = sandboxes.remove(pod.getMetadata().getUid());
        if (sb != null) {
            sb.terminate();
            sb.kill();
            cleaner.execute(sb::release);
        }
    }

    /** The uid of the pod {@code namespace/name} this node runs or ran (until it is deleted). */
    public Optional<String> uidOf(String namespace, String name) {
        return Optional.ofNullable(uids.get(namespace + "/" + name));
    }

    /** Whether run {@code restartCount} of the container is still going (so a followed log may grow). */
    public boolean running(String uid, String container, int restartCount) {
        PodSandbox sb = sandboxes.get(uid);
        return sb != null && sb.run(container, false).map(r -> r.restartCount == restartCount && r.running()).orElse(false);
    }

    public PodPaths paths() {
        return paths;
    }

    /** Kills every process this runtime started (agent shutdown). */
    public void shutdown() {
        sandboxes.values().forEach(sb -> {
            sb.terminate();
            sb.kill();
            sb.release();
        });
        killer.shutdownNow();
        cleaner.shutdown();
        try {
            cleaner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration gracePeriod(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (seconds == null && pod.getSpec() != null) {
            seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
    }

    private static boolean started(PodStatus status) {
        if ("Running".equals(status.getPhase())) {
            return true;
        }
        List<ContainerStatus> all = new ArrayList<>();
        if (status.getContainerStatuses() != null) {
            all.addAll(status.getContainerStatuses());
        }
        if (status.getInitContainerStatuses() != null) {
            all.addAll(status.getInitContainerStatuses());
        }
        return all.stream().anyMatch(s -> s.getState() != null
                && (s.getState().getRunning() != null || s.getState().getTerminated() != null));
    }

    /** Failed: this agent has no process for a pod it had started (it restarted and lost them). */
    static PodStatus lost(Pod pod, PodStatus status, Instant now) {
        List<ContainerStatus> cs = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            ContainerStatus was = status.getContainerStatuses() == null ? null
                    : status.getContainerStatuses().stream().filter(s -> c.getName().equals(s.getName())).findFirst().orElse(null);
            if (was != null && was.getState() != null && was.getState().getTerminated() != null) {
                cs.add(was);
                continue;
            }
            cs.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                    .withReady(false).withStarted(false)
                    .withRestartCount(was == null || was.getRestartCount() == null ? 0 : was.getRestartCount())
                    .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(137)
                            .withReason("ContainerStatusUnknown")
                            .withMessage("The container could not be located when the pod was terminated")
                            .withFinishedAt(SimulatedRuntime.ts(now)).endTerminated().build()).build());
        }
        return new PodStatusBuilder(status).withPhase("Failed").withReason(LOST_REASON)
                .withMessage("The node agent restarted and no longer has this pod's processes")
                .withContainerStatuses(cs).build();
    }
}
