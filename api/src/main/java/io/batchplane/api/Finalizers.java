package io.batchplane.api;

/** Finalizer names with meaning to batchplane. */
public final class Finalizers {
    /** Held by every pod a Job controller creates until the pod's termination has been counted. */
    public static final String JOB_TRACKING = "batch.kubernetes.io/job-tracking";
    /** The garbage collector deletes the owner only after its blocking dependents are gone. */
    public static final String FOREGROUND_DELETION = "foregroundDeletion";
    /** The garbage collector removes owner references from dependents before the owner goes. */
    public static final String ORPHAN = "orphan";
    /** Held by a namespace until its contents are deleted. */
    public static final String KUBERNETES = "kubernetes";

    private Finalizers() {
    }
}
