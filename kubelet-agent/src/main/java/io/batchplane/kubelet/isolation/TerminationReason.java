package io.batchplane.kubelet.isolation;

/**
 * A finished container's terminated {@code reason}, as a container runtime gives it: {@code StartError}
 * when its process could not be started, {@code OOMKilled} when the kernel's OOM killer killed a process
 * in the container's memory cgroup during the run (its {@code oom_kill} counter moved; the exit code is
 * whatever the process got, 137 for the SIGKILL), else {@code Completed} (exit 0) or {@code Error}.
 * Without a memory cgroup ({@code oomKills} negative: unknown) an exit code of 137 is just {@code Error}:
 * a SIGKILL alone says nothing about memory.
 */
public final class TerminationReason {

    private TerminationReason() {
    }

    public static String of(boolean startError, int exitCode, long oomKills) {
        if (startError) {
            return "StartError";
        }
        if (oomKills > 0) {
            return "OOMKilled";
        }
        return exitCode == 0 ? "Completed" : "Error";
    }
}
