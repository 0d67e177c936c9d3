package io.batchplane.jobcontroller.shell;

import io.batchplane.client.informer.ResourceEventHandler;
import io.batchplane.jobcontroller.sync.PodFacts;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Pod informer events for the {@link JobController}: a pod that appears is an observed creation, one that
 * gains a deletion timestamp or disappears an observed deletion, one that loses the tracking finalizer an observed
 * finalizer removal; each enqueues its Job (or, for a pod whose Job is gone, the pod as an orphan). Every event
 * (periodic resyncs included, as upstream) is also shown to {@link JobMetrics#podObserved}.
 */
final class PodEventHandler implements ResourceEventHandler<Pod> {
    private final JobController controller;
    private final JobMetrics metrics;

    PodEventHandler(JobController controller, JobMetrics metrics) {
        this.controller = controller;
        this.metrics = metrics;
    }

    @Override
    public void onAdd(Pod pod) {
        metrics.podObserved(null, pod);
        if (PodFacts.isBeingDeleted(pod)) {
            controller.podDeleted(pod);
        } else {
            controller.podCreated(pod);
        }
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        metrics.podObserved(old, pod);
        if (old.getMetadata().getResourceVersion() != null
                && old.getMetadata().getResourceVersion().equals(pod.getMetadata().getResourceVersion())) {
            return;
        }
        controller.podChanged(old, pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        metrics.podObserved(pod, null);
        controller.podDeleted(pod);
    }
}
