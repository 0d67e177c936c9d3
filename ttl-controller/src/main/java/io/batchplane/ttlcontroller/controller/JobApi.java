package io.batchplane.ttlcontroller.controller;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The two API server calls the TTL controller makes, behind an interface so the controller loop is
 * tested without a server. Calls block (workers are plain threads); failures are
 * {@link io.batchplane.api.ApiException}s.
 */
public interface JobApi {

    /** The Job as the API server has it now; empty when it does not exist. */
    Optional<Job> get(String namespace, String name);

    /**
     * Deletes {@code job} only if it is still the same object (uid precondition), cascading to its
     * pods; finalizers on the Job are honoured by the API server (it is only marked for deletion).
     */
    void delete(Job job);
}
