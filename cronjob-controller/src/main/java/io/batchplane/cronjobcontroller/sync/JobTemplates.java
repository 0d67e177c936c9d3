package io.batchplane.cronjobcontroller.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.api.Annotations;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Job a CronJob starts for one activation, as upstream does:
 * <ul>
 * <li>name {@code <cronjob>-<scheduled time in minutes since the epoch>}, so the name doubles as a
 * lock: a second create for the same activation fails with AlreadyExists;</li>
 * <li>labels and annotations copied from {@code jobTemplate.metadata}, plus
 * {@value Annotations#CRONJOB_SCHEDULED_TIMESTAMP} = the scheduled time in RFC 3339, expressed in the
 * CronJob's {@code timeZone} (UTC when unset);</li>
 * <li>one owner reference to the CronJob with {@code controller} and {@code blockOwnerDeletion} set;</li>
 * <li>a deep copy of {@code jobTemplate.spec}.</li>
 * </ul>
 */
public final class JobTemplates {

    private static final ObjectMapper COPIER = new ObjectMapper();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private JobTemplates() {
    }

    /** The Job name for the activation at {@code scheduledTime}. */
    public static String jobName(String cronJobName, Instant scheduledTime) {
        return cronJobName + "-" + Math.floorDiv(scheduledTime.getEpochSecond(), 60);
    }

    /** The Job to create; {@code annotationZone} is the CronJob's time zone, or null for UTC. */
    static Job build(CronJob cronJob, Instant scheduledTime, ZoneId annotationZone) {
        ObjectMeta template = cronJob.getSpec().getJobTemplate().getMetadata();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template != null && template.getLabels() != null) {
            labels.putAll(template.getLabels());
        }
        if (template != null && template.getAnnotations() != null) {
            annotations.putAll(template.getAnnotations());
        }
        ZoneId zone = annotationZone == null ? ZoneOffset.UTC : annotationZone;
        annotations.put(Annotations.CRONJOB_SCHEDULED_TIMESTAMP, RFC3339.format(scheduledTime.atZone(zone)));

        Job job = new Job();
        job.setApiVersion("batch/v1");
        job.setKind("Job");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(jobName(cronJob.getMetadata().getName(), scheduledTime));
        meta.setNamespace(cronJob.getMetadata().getNamespace());
        meta.setLabels(labels);
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(List.of(controllerRef(cronJob)));
        job.setMetadata(meta);
        JobSpec spec = cronJob.getSpec().getJobTemplate().getSpec();
        job.setSpec(spec == null ? new JobSpec() : COPIER.convertValue(spec, JobSpec.class));
        return job;
    }

    static OwnerReference controllerRef(CronJob cronJob) {
        return new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("CronJob")
                .withName(cronJob.getMetadata().getName())
                .withUid(cronJob.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
