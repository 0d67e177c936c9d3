package io.batchplane.kubelet.isolation;

import java.util.ArrayList;
import java.util.List;

/**
 * Which isolation the process runtime applies, decided once at start from what the machine offers
 * ({@link Probe}): pod namespaces (mount + PID + UTS: volumes at their {@code mountPath}, the pod's
 * host name, one process tree per pod) need root, {@code unshare} and {@code nsenter}, and a trial
 * {@code unshare} that worked; memory limits and {@code OOMKilled} need root and a writable cgroup v1
 * memory hierarchy; CPU limits a writable cgroup v1 cpu hierarchy. Whatever is missing, pods still run
 * as plain processes; {@link #unavailable()} says what they lack, for the start-up log.
 */
public record IsolationFeatures(boolean namespaces, boolean memoryCgroup, boolean cpuCgroup, List<String> unavailable) {

    /** What was found on this machine. */
    public record Probe(boolean root, boolean unshareFound, boolean nsenterFound, boolean unshareWorks,
            boolean memoryCgroupWritable, boolean cpuCgroupWritable) {
    }

    /** No isolation at all (e.g. tests of the plain-process path). */
    public static final IsolationFeatures NONE = new IsolationFeatures(false, false, false, List.of("disabled"));

    public static IsolationFeatures plan(Probe p) {
        List<String> missing = new ArrayList<>();
        boolean ns = p.root() && p.unshareFound() && p.nsenterFound() && p.unshareWorks();
        if (!ns) {
            missing.add("pod namespaces (volumeMounts at mountPath, pod hostname, per-pod PID namespace): "
                    + why(p.root(), p.unshareFound(), p.nsenterFound(), p.unshareWorks()));
        }
        boolean memory = p.root() && p.memoryCgroupWritable();
        if (!memory) {
            missing.add("memory limits and OOMKilled: " + (!p.root() ? "not running as root"
                    : "no writable cgroup v1 memory controller"));
        }
        boolean cpu = p.root() && p.cpuCgroupWritable();
        if (!cpu) {
            missing.add("CPU limits: " + (!p.root() ? "not running as root" : "no writable cgroup v1 cpu controller"));
        }
        return new IsolationFeatures(ns, memory, cpu, List.copyOf(missing));
    }

    private static String why(boolean root, boolean unshare, boolean nsenter, boolean works) {
        if (!root) {
            return "not running as root";
        }
        if (!unshare) {
            return "no unshare on the PATH";
        }
        if (!nsenter) {
            return "no nsenter on the PATH";
        }
        return works ? "unavailable" : "a trial unshare --mount --pid --uts failed";
    }
}
