package io.batchplane.api;

/** Well-known label keys, as Kubernetes spells them. */
public final class Labels {
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_JOB_NAME = "job-name";
    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String JOB_COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String OS = "kubernetes.io/os";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String METADATA_NAME = "kubernetes.io/metadata.name";

    private Labels() {
    }
}
