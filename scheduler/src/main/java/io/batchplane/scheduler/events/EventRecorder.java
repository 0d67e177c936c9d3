package io.batchplane.scheduler.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records a core/v1 Event about an object, as users see them in {@code kubectl describe}. Recording is
 * best effort: it never blocks the caller and never fails it.
 */
public interface EventRecorder {

    String NORMAL = "Normal";
    String WARNING = "Warning";

    void record(HasMetadata object, String type, String reason, String message);

    /** A recorder that drops everything. */
    static EventRecorder none() {
        return (object, type, reason, message) -> {
        };
    }
}
