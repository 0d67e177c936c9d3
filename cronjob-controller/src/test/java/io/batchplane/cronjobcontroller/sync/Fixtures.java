package io.batchplane.cronjobcontroller.sync;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small builders for CronJobs and their Jobs, so table rows read as the facts they vary. */
public final class Fixtures {

    public static final String NS = "default";
    public static final String CRONJOB = "hello";
    public static final String CRONJOB_UID = "cj-uid";

    private Fixtures() {
    }

    /** CronJob {@value #CRONJOB} with {@code schedule}, created at {@code created}, history limits 3/1. */
    @SafeVarargs
    public static CronJob cronJob(String schedule, String created, Consumer<CronJob>... edits) {
        CronJob cj = new CronJob();
        cj.setApiVersion("batch/v1");
        cj.setKind("CronJob");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(CRONJOB);
        meta.setNamespace(NS);
        meta.setUid(CRONJOB_UID);
        meta.setCreationTimestamp(created);
        cj.setMetadata(meta);
        CronJobSpec spec = new CronJobSpec();
        spec.setSchedule(schedule);
        spec.setConcurrencyPolicy("Allow");
        spec.setSuspend(false);
        spec.setSuccessfulJobsHistoryLimit(3);
        spec.setFailedJobsHistoryLimit(1);
        JobTemplateSpec template = new JobTemplateSpec();
        ObjectMeta templateMeta = new ObjectMeta();
        templateMeta.setLabels(Map.of("app", "hello"));
        templateMeta.setAnnotations(Map.of("team", "batch"));
        template.setMetadata(templateMeta);
        JobSpec jobSpec = new JobSpec();
        jobSpec.setBackoffLimit(2);
        jobSpec.setTemplate(new PodTemplateSpecBuilder()
                .withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("hello").withImage("busybox").withCommand("date")
                .withNewResources().addToLimits("cpu", new Quantity("500m")).endResources()
                .endContainer().endSpec().build());
        template.setSpec(jobSpec);
        spec.setJobTemplate(template);
        cj.setSpec(spec);
        CronJobStatus status = new CronJobStatus();
        status.setActive(new ArrayList<>());
        cj.setStatus(status);
        for (Consumer<CronJob> edit : edits) {
            edit.accept(cj);
        }
        return cj;
    }

    public static Consumer<CronJob> lastScheduled(String t) {
        return cj -> cj.getStatus().setLastScheduleTime(t);
    }

    public static Consumer<CronJob> lastSucceeded(String t) {
        return cj -> cj.getStatus().setLastSuccessfulTime(t);
    }

    public static Consumer<CronJob> active(String... jobNames) {
        return cj -> {
            for (String name : jobNames) {
                ObjectReference ref = new ObjectReference();
                ref.setApiVersion("batch/v1");
                ref.setKind("Job");
                ref.setNamespace(NS);
                ref.setName(name);
                ref.setUid(uid(name));
                cj.getStatus().getActive().add(ref);
            }
        };
    }

    public static Consumer<CronJob> policy(String concurrencyPolicy) {
        return cj -> cj.getSpec().setConcurrencyPolicy(concurrencyPolicy);
    }

    public static Consumer<CronJob> deadline(long seconds) {
        return cj -> cj.getSpec().setStartingDeadlineSeconds(seconds);
    }

    public static Consumer<CronJob> suspended() {
        return cj -> cj.getSpec().setSuspend(true);
    }

    public static Consumer<CronJob> timeZone(String zone) {
        return cj -> cj.getSpec().setTimeZone(zone);
    }

    public static Consumer<CronJob> deleting() {
        return cj -> cj.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    }

    public static Consumer<CronJob> historyLimits(Integer successful, Integer failed) {
        return cj -> {
            cj.getSpec().setSuccessfulJobsHistoryLimit(successful);
            cj.getSpec().setFailedJobsHistoryLimit(failed);
        };
    }

    public static String uid(String jobName) {
        return "uid-" + jobName;
    }

    /** A running Job controlled by the CronJob. */
    public static Job running(String name, String started) {
        return job(name, started, null, null);
    }

    /** A Job that finished with {@code type} (Complete/Failed) at {@code finished}. */
    public static Job finished(String name, String started, String type, String finished) {
        return job(name, started, type, finished);
    }

    /** {@code job} as {@code kubectl create job --from=cronjob/hello} makes it. */
    public static Job manual(Job job) {
        job.getMetadata().setAnnotations(Map.of("cronjob.kubernetes.io/instantiate", "manual"));
        return job;
    }

    private static Job job(String name, String started, String finishedType, String finishedAt) {
        Job job = new Job();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(NS);
        meta.setUid(uid(name));
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob").withName(CRONJOB)
                .withUid(CRONJOB_UID).withController(true).withBlockOwnerDeletion(true).build();
        meta.setOwnerReferences(List.of(owner));
        job.setMetadata(meta);
        JobStatus status = new JobStatus();
        status.setStartTime(started);
        if (finishedType != null) {
            JobCondition c = new JobCondition();
            c.setType(finishedType);
            c.setStatus("True");
            c.setLastTransitionTime(finishedAt);
            status.setConditions(List.of(c));
            if ("Complete".equals(finishedType)) {
                status.setCompletionTime(finishedAt);
            }
        }
        job.setStatus(status);
        return job;
    }
}
