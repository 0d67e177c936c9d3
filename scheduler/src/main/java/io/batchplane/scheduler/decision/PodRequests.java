package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of a node, computed as Kubernetes does: the sum of its app containers' requests,
 * raised to the largest single init container's request when that is bigger (init containers run one
 * at a time, before the app containers), plus the pod overhead. Every pod counts as one pod.
 *
 * <p>For scoring only, {@link #nonZero(Pod)} counts a container without a CPU or memory request as
 * asking 100m CPU and 200 MiB, so that many "free" pods still spread across nodes.
 */
public final class PodRequests {

    /** The CPU a container without a CPU request is assumed to use when scoring (100m). */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** The memory a container without a memory request is assumed to use when scoring (200 MiB). */
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** The pod's effective requests (for fit). */
    public static Resources of(Pod pod) {
        return compute(pod, false);
    }

    /** The pod's effective requests with unset container CPU/memory requests defaulted (for scoring). */
    public static Resources nonZero(Pod pod) {
        return compute(pod, true);
    }

    private static Resources compute(Pod pod, boolean nonZero) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return new Resources(0, 0, 1);
        }
        long cpu = 0;
        long mem = 0;
        for (Container c : list(spec.getContainers())) {
            cpu += cpu(c, nonZero);
            mem += memory(c, nonZero);
        }
        for (Container c : list(spec.getInitContainers())) {
            cpu = Math.max(cpu, cpu(c, nonZero));
            mem = Math.max(mem, memory(c, nonZero));
        }
        Map<String, Quantity> overhead = spec.getOverhead();
        if (overhead != null) {
            cpu += Quantities.milliValue(overhead.get("cpu"));
            mem += Quantities.value(overhead.get("memory"));
        }
        return new Resources(cpu, mem, 1);
    }

    private static long cpu(Container c, boolean nonZero) {
        Quantity q = request(c, "cpu");
        return q == null && nonZero ? DEFAULT_MILLI_CPU : Quantities.milliValue(q);
    }

    private static long memory(Container c, boolean nonZero) {
        Quantity q = request(c, "memory");
        return q == null && nonZero ? DEFAULT_MEMORY : Quantities.value(q);
    }

    private static Quantity request(Container c, String name) {
        ResourceRequirements r = c.getResources();
        return r == null || r.getRequests() == null ? null : r.getRequests().get(name);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
