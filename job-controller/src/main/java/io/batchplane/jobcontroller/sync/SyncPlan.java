package io.batchplane.jobcontroller.sync;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a Job decided, to be carried out by the controller in this order:
 * <ol>
 *   <li>{@link #deletions} and {@link #creations} (in parallel batches; a deletion marked
 *       {@code removeFinalizerFirst} first strips the tracking finalizer so the pod is never counted);</li>
 *   <li>{@link #status}, written through the status subresource — it records newly finished pods in
 *       {@code uncountedTerminatedPods} / {@code completedIndexes} before anything lets them disappear;</li>
 *   <li>only once that write succeeded (or when there is none): {@link #finalizerRemovals};</li>
 *   <li>keep {@link #backoff} for the next sync, emit {@link #events}, and sync again after {@link #requeueAfter}.</li>
 * </ol>
 * {@link #podsManaged} tells whether this sync managed the pod count (expectations satisfied, Job not being deleted
 * and not finishing): only then are {@link #creations} / {@link #deletions} about parallelism rather than clean-up,
 * which is what the shell's sync metrics report as the sync's action.
 * If a step fails, the later steps are skipped and the Job is synced again: each sync recomputes from what is
 * stored, so a partial plan is never harmful.
 */
public record SyncPlan(
        List<PodCreation> creations,
        List<PodDeletion> deletions,
        Optional<JobStatus> status,
        List<PodRef> finalizerRemovals,
        List<JobEvent> events,
        Optional<Duration> requeueAfter,
        BackoffRecord backoff,
        boolean podsManaged) {

    /** A pod to create; {@code index} is its completion index or {@link PodFacts#NO_INDEX}. */
    public record PodCreation(int index, Pod pod) {
    }

    /** A pod to delete, and why; see the class comment for {@code removeFinalizerFirst}. */
    public record PodDeletion(PodRef pod, boolean removeFinalizerFirst, String reason) {
    }

    /** A pod by name and UID (the UID guards against acting on a re-created namesake). */
    public record PodRef(String namespace, String name, String uid) {
        public static PodRef of(Pod pod) {
            return new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid());
        }
    }

    /** An event on the Job: type Normal or Warning, a reason and a message. */
    public record JobEvent(String type, String reason, String message) {
        public static JobEvent normal(String reason, String message) {
            return new JobEvent("Normal", reason, message);
        }

        public static JobEvent warning(String reason, String message) {
            return new JobEvent("Warning", reason, message);
        }
    }

    public static SyncPlan nothing(BackoffRecord backoff) {
        return new SyncPlan(List.of(), List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(), backoff, false);
    }

    public boolean isEmpty() {
        return creations.isEmpty() && deletions.isEmpty() && status.isEmpty() && finalizerRemovals.isEmpty()
                && events.isEmpty() && requeueAfter.isEmpty();
    }
}
