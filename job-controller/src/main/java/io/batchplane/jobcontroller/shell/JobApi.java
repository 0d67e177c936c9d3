package io.batchplane.jobcontroller.shell;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The writes (and the one fresh read) the Job controller makes against the API server, blocking, each failing
 * with an {@link io.batchplane.api.ApiException}. An interface so the controller's I/O sequencing is tested with an
 * in-memory fake; {@link ResourceClientJobApi} is the real one.
 */
public interface JobApi {

    /** Creates a pod (named by its {@code generateName}); returns it as stored. */
    Pod createPod(Pod pod);

    /** Deletes a pod, only if it still has this UID; NotFound when it is already gone. */
    void deletePod(String namespace, String name, String uid);

    /** Applies a JSON patch (RFC 6902) to a pod. */
    Pod patchPod(String namespace, String name, String jsonPatch);

    /** Writes a Job's status through the status subresource (compare-and-swap on resourceVersion). */
    Job updateJobStatus(Job job);

    /** Reads a Job from the API server, bypassing the cache (before adopting pods). */
    Job getJob(String namespace, String name);

    /** Records an event; failures are the caller's to ignore. */
    void createEvent(Event event);
}
