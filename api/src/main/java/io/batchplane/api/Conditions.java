package io.batchplane.api;

/** Condition types and reasons of Jobs, Pods and Nodes, as Kubernetes spells them. */
public final class Conditions {
    public static final String JOB_COMPLETE = "Complete";
    public static final String JOB_FAILED = "Failed";
    public static final String JOB_SUSPENDED = "Suspended";
    public static final String JOB_FAILURE_TARGET = "FailureTarget";
    public static final String JOB_SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";

    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String POD_INITIALIZED = "Initialized";
    public static final String POD_CONTAINERS_READY = "ContainersReady";
    public static final String POD_READY = "Ready";
    public static final String POD_DISRUPTION_TARGET = "DisruptionTarget";

    public static final String NODE_READY = "Ready";

    private Conditions() {
    }
}
