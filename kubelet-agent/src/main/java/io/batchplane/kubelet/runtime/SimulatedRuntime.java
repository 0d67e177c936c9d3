package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pod runtime that runs nothing: it moves a pod through the phases a real kubelet would report,
 * timed by the pod's {@link Simulation} annotations. It is a pure function of the pod (its status
 * is the runtime's whole memory, so an agent restart resumes where it left off) and {@code now}:
 * <ul>
 * <li>Pending → Running: every container {@code running} since now, ready; conditions Initialized,
 * ContainersReady and Ready True.</li>
 * <li>After the simulated duration every container terminates with the simulated exit code, reason
 * {@code Completed} (0) or {@code Error}; the pod turns Succeeded (all 0) or Failed, Ready and
 * ContainersReady False (reason {@code PodCompleted}).</li>
 * <li>Restart policy {@code OnFailure} (non-zero exit) or {@code Always}: the containers wait in
 * {@code CrashLoopBackOff} (10 s doubling to 5 min), then run again with {@code restartCount}+1;
 * the pod stays Running.</li>
 * <li>Deletion requested: a live pod reports Failed with its containers terminated (exit code 143,
 * as after SIGTERM; 137 with reason {@code ContainerStatusUnknown} for containers that never
 * started), and is then deleted with grace period 0; a pod already terminal is just deleted.</li>
 * </ul>
 */
public final class SimulatedRuntime {

    static final Duration BACKOFF_BASE = Duration.ofSeconds(10);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

    private SimulatedRuntime() {
    }

    public static RuntimeStep step(Pod pod, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = status.getPhase() == null ? "Pending" : status.getPhase();
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
        if (terminal) {
            return deleting ? new RuntimeStep(Optional.empty(), true, Optional.empty()) : RuntimeStep.NOTHING;
        }
        if (deleting) {
            return new RuntimeStep(Optional.of(killed(pod, status, at)), true, Optional.empty());
        }
        Simulation sim = Simulation.of(pod);
        ContainerStatus first = firstStatus(status);
        if (first == null || first.getState() == null) {
            return running(pod, status, at, 0, sim);
        }
        ContainerState state = first.getState();
        int restarts = first.getRestartCount() == null ? 0 : first.getRestartCount();
        if (state.getRunning() != null) {
            Instant started = parse(state.getRunning().getStartedAt(), at);
            Instant finish = started.plus(sim.duration());
            if (at.isBefore(finish)) {
                return new RuntimeStep(Optional.empty(), false, Optional.of(finish));
            }
            return finished(pod, status, started, finish, sim, restarts);
        }
        if (state.getWaiting() != null && first.getLastState() != null && first.getLastState().getTerminated() != null) {
            Instant restartAt = parse(first.getLastState().getTerminated().getFinishedAt(), at).plus(backoff(restarts));
            if (at.isBefore(restartAt)) {
                return new RuntimeStep(Optional.empty(), false, Optional.of(restartAt));
            }
            return running(pod, status, at, restarts, sim);
        }
        return running(pod, status, at, restarts, sim);
    }

    /** The crash-loop pause before restart number {@code restarts}: 10 s doubling, at most 5 min. */
    static Duration backoff(int restarts) {
        Duration d = BACKOFF_BASE;
        for (int i = 1; i < restarts && d.compareTo(BACKOFF_MAX) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : d;
    }

    private static RuntimeStep running(Pod pod, PodStatus status, Instant at, int restarts, Simulation sim) {
        List<ContainerStatus> cs = new ArrayList<>();
        for (Container c : containers(pod)) {
            ContainerStatus previous = statusOf(status, c.getName());
            cs.add(base(pod, c, restarts).withReady(true).withStarted(true)
                    .withLastState(previous == null ? null : previous.getLastState())
                    .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(ts(at)).endRunning().build()).build());
        }
        PodStatus next = new PodStatusBuilder(status).withPhase("Running")
                .withStartTime(status.getStartTime() != null ? status.getStartTime() : ts(at))
                .withConditions(conditions(status, at, "True", null)).withContainerStatuses(cs).build();
        return new RuntimeStep(Optional.of(next), false, Optional.of(at.plus(sim.duration())));
    }

    private static RuntimeStep finished(Pod pod, PodStatus status, Instant started, Instant finished, Simulation sim,
            int restarts) {
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && sim.exitCode() != 0);
        ContainerState terminated = new ContainerStateBuilder().withNewTerminated().withExitCode(sim.exitCode())
                .withReason(sim.exitCode() == 0 ? "Completed" : "Error").withStartedAt(ts(started))
                .withFinishedAt(ts(finished)).endTerminated().build();
        List<ContainerStatus> cs = new ArrayList<>();
        for (Container c : containers(pod)) {
            if (restart) {
                cs.add(base(pod, c, restarts + 1).withReady(false).withStarted(false).withLastState(terminated)
                        .withState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
                                .withMessage("back-off " + backoff(restarts + 1).toSeconds() + "s restarting failed container="
                                        + c.getName() + " pod=" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace()
                                        + "(" + pod.getMetadata().getUid() + ")").endWaiting().build()).build());
            } else {
                cs.add(base(pod, c, restarts).withReady(false).withStarted(false).withState(terminated).build());
            }
        }
        PodStatusBuilder next = new PodStatusBuilder(status).withContainerStatuses(cs);
        if (restart) {
            next.withPhase("Running").withConditions(conditions(status, finished, "False", "ContainersNotReady"));
            return new RuntimeStep(Optional.of(next.build()), false, Optional.of(finished.plus(backoff(restarts + 1))));
        }
        next.withPhase(sim.exitCode() == 0 ? "Succeeded" : "Failed")
                .withConditions(conditions(status, finished, "False", "PodCompleted"));
        return new RuntimeStep(Optional.of(next.build()), false, Optional.empty());
    }

    private static PodStatus killed(Pod pod, PodStatus status, Instant at) {
        List<ContainerStatus> cs = new ArrayList<>();
        for (Container c : containers(pod)) {
            ContainerStatus previous = statusOf(status, c.getName());
            int restarts = previous == null || previous.getRestartCount() == null ? 0 : previous.getRestartCount();
            boolean wasRunning = previous != null && previous.getState() != null && previous.getState().getRunning() != null;
            ContainerState terminated = wasRunning
                    ? new ContainerStateBuilder().withNewTerminated().withExitCode(143).withReason("Error")
                            .withStartedAt(previous.getState().getRunning().getStartedAt()).withFinishedAt(ts(at)).endTerminated().build()
                    : new ContainerStateBuilder().withNewTerminated().withExitCode(137).withReason("ContainerStatusUnknown")
                            .withMessage("The container could not be located when the pod was terminated").endTerminated().build();
            cs.add(base(pod, c, restarts).withReady(false).withStarted(false)
                    .withLastState(previous == null ? null : previous.getLastState()).withState(terminated).build());
        }
        return new PodStatusBuilder(status).withPhase("Failed").withContainerStatuses(cs)
                .withConditions(conditions(status, at, "False", "PodCompleted")).build();
    }

    private static ContainerStatusBuilder base(Pod pod, Container c, int restarts) {
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID("sim://" + c.getImage()).withContainerID("sim://" + pod.getMetadata().getUid() + "/" + c.getName())
                .withRestartCount(restarts);
    }

    /** Initialized True; ContainersReady and Ready as given; other conditions (PodScheduled, DisruptionTarget) kept. */
    private static List<PodCondition> conditions(PodStatus status, Instant at, String ready, String reason) {
        List<PodCondition> out = new ArrayList<>();
        List<PodCondition> current = status.getConditions() == null ? List.of() : status.getConditions();
        for (PodCondition c : current) {
            if (!List.of("Initialized", "ContainersReady", "Ready").contains(c.getType())) {
                out.add(c);
            }
        }
        out.add(condition(current, "Initialized", "True", null, at));
        out.add(condition(current, "ContainersReady", ready, reason, at));
        out.add(condition(current, "Ready", ready, reason, at));
        return out;
    }

    static PodCondition condition(List<PodCondition> current, String type, String value, String reason, Instant at) {
        String since = current.stream().filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).findFirst().orElse(ts(at));
        return new PodConditionBuilder().withType(type).withStatus(value).withReason(reason).withLastTransitionTime(since).build();
    }

    private static List<Container> containers(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
    }

    private static ContainerStatus firstStatus(PodStatus status) {
        return status.getContainerStatuses() == null || status.getContainerStatuses().isEmpty() ? null
                : status.getContainerStatuses().get(0);
    }

    private static ContainerStatus statusOf(PodStatus status, String name) {
        return status.getContainerStatuses() == null ? null
                : status.getContainerStatuses().stream().filter(s -> name.equals(s.getName())).findFirst().orElse(null);
    }

    static String ts(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Instant parse(String time, Instant fallback) {
        try {
            return time == null ? fallback : OffsetDateTime.parse(time).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }
}
