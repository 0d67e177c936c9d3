package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod status a {@link PodSandbox} amounts to, in the kubelet's terms: init containers and
 * containers {@code waiting} ({@code PodInitializing}, {@code CrashLoopBackOff} with the last run as
 * {@code lastState}), {@code running} or {@code terminated} (exit code, {@code Completed}/{@code Error}/
 * {@code StartError}, started/finished); phase Pending while init containers run, Running, then
 * Succeeded (every container exited 0) or Failed; conditions Initialized, ContainersReady and Ready
 * (transition times kept, other conditions such as PodScheduled and DisruptionTarget kept).
 * While the pod cannot be set up every container waits in {@code ContainerCreating} with the reason as
 * message. {@code podIP(s)} and {@code hostIP(s)} are the node's address: pods share its network.
 */
final class SandboxStatus {

    private SandboxStatus() {
    }

    static PodStatus of(Pod pod, PodSandbox sb, Instant now, String address) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        boolean initialized = sb.initialized();
        List<ContainerStatus> inits = new ArrayList<>();
        for (Container c : sb.inits) {
            inits.add(status(sb, c, "PodInitializing"));
        }
        List<ContainerStatus> mains = new ArrayList<>();
        boolean allRunning = !sb.mains.isEmpty();
        boolean allDone = true;
        boolean allZero = true;
        for (Container c : sb.mains) {
            mains.add(status(sb, c, initialized ? "ContainerCreating" : "PodInitializing"));
            ContainerRun run = sb.runs.get(c.getName());
            allRunning &= run != null && run.running();
            boolean exited = run != null && run.finishedAt() != null;
            allDone &= exited && (sb.terminating || !restarts(sb, run));
            allZero &= exited && run.exitCode() == 0;
        }
        String phase;
        if (sb.initFailed()) {
            phase = "Failed";
        } else if (sb.setupError.isPresent() && sb.runs.isEmpty()) {
            phase = sb.terminating ? "Failed" : "Pending";
        } else if (!initialized) {
            phase = sb.terminating && sb.runs.values().stream().allMatch(r -> r.finishedAt() != null) ? "Failed" : "Pending";
        } else if (allDone) {
            phase = allZero ? "Succeeded" : "Failed";
        } else {
            phase = "Running";
        }
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        String readyReason = terminal ? "PodCompleted" : "ContainersNotReady";
        String ready = allRunning && !terminal ? "True" : "False";
        List<PodCondition> conditions = new ArrayList<>();
        List<PodCondition> previous = current.getConditions() == null ? List.of() : current.getConditions();
        for (PodCondition c : previous) {
            if (!List.of("Initialized", "ContainersReady", "Ready").contains(c.getType())) {
                conditions.add(c);
            }
        }
        conditions.add(SimulatedRuntime.condition(previous, "Initialized", initialized ? "True" : "False",
                initialized ? null : "ContainersNotInitialized", now));
        conditions.add(SimulatedRuntime.condition(previous, "ContainersReady", ready, ready.equals("True") ? null : readyReason, now));
        conditions.add(SimulatedRuntime.condition(previous, "Ready", ready, ready.equals("True") ? null : readyReason, now));
        if (sb.setupError.isPresent()) {
            String why = sb.setupError.get();
            inits.replaceAll(s -> creating(s, why));
            mains.replaceAll(s -> creating(s, why));
        }
        return new PodStatusBuilder(current).withPhase(phase).withHostIP(address).withPodIP(address)
                .withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(address))
                .withPodIPs(new io.fabric8.kubernetes.api.model.PodIP(address))
                .withStartTime(current.getStartTime() != null ? current.getStartTime() : SimulatedRuntime.ts(now))
                .withConditions(conditions).withInitContainerStatuses(inits.isEmpty() ? null : inits)
                .withContainerStatuses(mains).build();
    }

    private static ContainerStatus creating(ContainerStatus s, String why) {
        return new ContainerStatusBuilder(s).withState(new ContainerStateBuilder().withNewWaiting()
                .withReason("ContainerCreating").withMessage(why).endWaiting().build()).build();
    }

    private static boolean restarts(PodSandbox sb, ContainerRun run) {
        return sb.restartPolicy.equals("Always") || (sb.restartPolicy.equals("OnFailure") && run.exitCode() != 0);
    }

    private static ContainerStatus status(PodSandbox sb, Container c, String waitingReason) {
        ContainerRun run = sb.runs.get(c.getName());
        ContainerRun before = sb.previous.get(c.getName());
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID("").withReady(false).withStarted(false).withRestartCount(run == null ? 0 : run.restartCount);
        if (run == null) {
            return b.withState(new ContainerStateBuilder().withNewWaiting().withReason(waitingReason).endWaiting().build()).build();
        }
        b.withContainerID("process://" + sb.uid + "/" + c.getName() + "/" + run.restartCount);
        if (run.running()) {
            return b.withReady(true).withStarted(true).withLastState(before == null ? null : terminated(before))
                    .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(SimulatedRuntime.ts(run.startedAt))
                            .endRunning().build()).build();
        }
        if (run.finishedAt() == null) {
            return b.withState(new ContainerStateBuilder().withNewRunning().withStartedAt(SimulatedRuntime.ts(run.startedAt))
                    .endRunning().build()).build();
        }
        if (!sb.terminating && restarts(sb, run)) {
            return b.withRestartCount(run.restartCount + 1).withLastState(terminated(run))
                    .withState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
                            .withMessage("back-off " + SimulatedRuntime.backoff(run.restartCount + 1).toSeconds()
                                    + "s restarting failed container=" + c.getName())
                            .endWaiting().build()).build();
        }
        return b.withLastState(before == null ? null : terminated(before)).withState(terminated(run)).build();
    }

    private static ContainerState terminated(ContainerRun run) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(run.exitCode()).withReason(run.reason())
                .withMessage(run.message()).withStartedAt(SimulatedRuntime.ts(run.startedAt))
                .withFinishedAt(SimulatedRuntime.ts(run.finishedAt())).endTerminated().build();
    }
}
