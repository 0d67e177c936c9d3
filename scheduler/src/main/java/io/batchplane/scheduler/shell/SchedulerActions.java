package io.batchplane.scheduler.shell;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The writes the scheduling loop makes, behind an interface so the loop can be tested without an API
 * server. Calls block the calling worker and fail with {@link io.batchplane.api.ApiException}.
 */
public interface SchedulerActions {

    /** Binds {@code pod} to {@code node} ({@code pods/binding}); Conflict when it is already bound or being deleted. */
    void bind(Pod pod, String node);

    /** Writes {@code pod}'s status (compare-and-swap on its resourceVersion). */
    void updateStatus(Pod pod);
}
