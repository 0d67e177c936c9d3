package io.batchplane.jobcontroller.sync;

import io.batchplane.api.Annotations;
import io.batchplane.api.Conditions;
import io.batchplane.api.Finalizers;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only questions about a pod that the Job logic asks again and again: phase, activity, readiness,
 * tracking finalizer, completion index, failure-count annotations and when it finished.
 * Null-tolerant: a pod straight from a test table or a half-filled informer event never throws here.
 */
public final class PodFacts {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String UNKNOWN = "Unknown";
    /** Marker for "the pod carries no usable completion index". */
    public static final int NO_INDEX = -1;

    private PodFacts() {
    }

    public static String phase(Pod pod) {
        PodStatus status = pod.getStatus();
        return status == null || status.getPhase() == null ? PENDING : status.getPhase();
    }

    public static boolean isSucceeded(Pod pod) {
        return SUCCEEDED.equals(phase(pod));
    }

    /** The pod reached a terminal phase (Succeeded or Failed). */
    public static boolean isTerminal(Pod pod) {
        String phase = phase(pod);
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    public static boolean isBeingDeleted(Pod pod) {
        return pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Active: neither terminal nor being deleted (what the Job counts in {@code status.active}). */
    public static boolean isActive(Pod pod) {
        return !isTerminal(pod) && !isBeingDeleted(pod);
    }

    /** Terminating: being deleted but not yet in a terminal phase (what {@code status.terminating} counts). */
    public static boolean isTerminating(Pod pod) {
        return isBeingDeleted(pod) && !isTerminal(pod);
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<PodCondition> readyCondition(Pod pod) {
        return conditions(pod).stream().filter(c -> Conditions.POD_READY.equals(c.getType())).findFirst();
    }

    static List<PodCondition> conditions(Pod pod) {
        PodStatus status = pod.getStatus();
        return status == null || status.getConditions() == null ? List.of() : status.getConditions();
    }

    public static boolean hasTrackingFinalizer(Pod pod) {
        return pod.getMetadata() != null && pod.getMetadata().getFinalizers() != null
                && pod.getMetadata().getFinalizers().contains(Finalizers.JOB_TRACKING);
    }

    public static String uid(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getUid();
    }

    public static String name(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getName();
    }

    /** The completion index from the pod's annotation, or {@link #NO_INDEX} if absent or not a non-negative int. */
    public static int completionIndex(Pod pod) {
        String value = annotation(pod, Annotations.JOB_COMPLETION_INDEX);
        if (value == null) {
            return NO_INDEX;
        }
        try {
            int index = Integer.parseInt(value);
            return index < 0 ? NO_INDEX : index;
        } catch (NumberFormatException e) {
            return NO_INDEX;
        }
    }

    /** A non-negative integer annotation; absent, malformed or negative reads as 0. */
    public static int nonNegativeIntAnnotation(Pod pod, String key) {
        String value = annotation(pod, key);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Counted failures of this pod's index before it was created (the failure-count annotation). */
    public static int indexFailureCount(Pod pod) {
        return nonNegativeIntAnnotation(pod, Annotations.JOB_INDEX_FAILURE_COUNT);
    }

    /** All failures of this pod's index before it was created, counted or ignored by the pod failure policy. */
    public static int indexAbsoluteFailureCount(Pod pod) {
        return indexFailureCount(pod) + nonNegativeIntAnnotation(pod, Annotations.JOB_INDEX_IGNORED_FAILURE_COUNT);
    }

    static String annotation(Pod pod, String key) {
        Map<String, String> annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** Sum of restarts of all init and regular containers. */
    public static int restartCount(Pod pod) {
        int sum = 0;
        for (ContainerStatus cs : allContainerStatuses(pod)) {
            sum += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
        }
        return sum;
    }

    static int maxContainerRestarts(Pod pod) {
        int max = 0;
        for (ContainerStatus cs : allContainerStatuses(pod)) {
            max = Math.max(max, cs.getRestartCount() == null ? 0 : cs.getRestartCount());
        }
        return max;
    }

    static List<ContainerStatus> allContainerStatuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        PodStatus status = pod.getStatus();
        if (status != null) {
            if (status.getInitContainerStatuses() != null) {
                all.addAll(status.getInitContainerStatuses());
            }
            if (status.getContainerStatuses() != null) {
                all.addAll(status.getContainerStatuses());
            }
        }
        return all;
    }

    /**
     * When the pod finished, for backoff: the latest container finish time if every container has terminated;
     * else when it turned not-ready; else when it was deleted (deletion timestamp minus its grace period); else its
     * creation time; else the epoch (an unknown finish is long past and delays nothing).
     */
    public static Instant finishedTime(Pod pod) {
        Instant fromContainers = finishTimeFromContainers(pod);
        if (fromContainers != null) {
            return fromContainers;
        }
        Optional<PodCondition> ready = readyCondition(pod);
        if (ready.isPresent() && "False".equals(ready.get().getStatus()) && ready.get().getLastTransitionTime() != null) {
            return Times.parse(ready.get().getLastTransitionTime());
        }
        if (isBeingDeleted(pod)) {
            Instant deletion = Times.parse(pod.getMetadata().getDeletionTimestamp());
            Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
            return grace == null ? deletion : deletion.minusSeconds(grace);
        }
        if (pod.getMetadata() != null && pod.getMetadata().getCreationTimestamp() != null) {
            return Times.parse(pod.getMetadata().getCreationTimestamp());
        }
        return Instant.EPOCH;
    }

    private static Instant finishTimeFromContainers(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null || status.getContainerStatuses() == null || status.getContainerStatuses().isEmpty()) {
            return null;
        }
        Instant latest = null;
        for (ContainerStatus cs : status.getContainerStatuses()) {
            if (cs.getState() == null || cs.getState().getTerminated() == null
                    || cs.getState().getTerminated().getFinishedAt() == null) {
                return null;
            }
            Instant finished = Times.parse(cs.getState().getTerminated().getFinishedAt());
            if (latest == null || finished.isAfter(latest)) {
                latest = finished;
            }
        }
        return latest;
    }
}
