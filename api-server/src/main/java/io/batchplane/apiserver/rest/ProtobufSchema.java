package io.batchplane.apiserver.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * The part of Kubernetes' protobuf schema (the {@code generated.proto} files of
 * {@code k8s.io/api}) that kubectl's imperative commands send: Namespace for
 * {@code kubectl create namespace}, Job for {@code kubectl create job [--from=cronjob/…]}, CronJob
 * for {@code kubectl create cronjob}, with the ObjectMeta, PodTemplateSpec, PodSpec and Container
 * fields those objects carry. Each field maps a field
 * number to its JSON name and wire shape; fields marked {@link Shape#SKIP} are server-managed or
 * status and are dropped.
 */
final class ProtobufSchema {

    /** How a field's value is laid out on the wire and written as JSON. */
    enum Shape { STRING, INT, BOOL, MESSAGE, STRING_MAP, QUANTITY_MAP, SKIP }

    /** One field: JSON name, shape, message type (for MESSAGE) and whether it repeats. */
    record Field(String json, Shape shape, String message, boolean repeated) {
    }

    private static final Map<String, Map<Integer, Field>> MESSAGES = new HashMap<>();

    static {
        define("Namespace", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "NamespaceSpec"), 3, skip());
        define("NamespaceSpec", 1, strings("finalizers"));
        define("ObjectMeta", 1, str("name"), 2, str("generateName"), 3, str("namespace"), 4, skip(), 5, str("uid"),
                6, str("resourceVersion"), 7, skip(), 8, skip(), 9, skip(), 10, skip(),
                11, new Field("labels", Shape.STRING_MAP, null, true),
                12, new Field("annotations", Shape.STRING_MAP, null, true),
                13, new Field("ownerReferences", Shape.MESSAGE, "OwnerReference", true), 14, strings("finalizers"),
                17, skip());
        define("OwnerReference", 1, str("kind"), 3, str("name"), 4, str("uid"), 5, str("apiVersion"),
                6, bool("controller"), 7, bool("blockOwnerDeletion"));
        define("Job", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "JobSpec"), 3, skip());
        define("CronJob", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "CronJobSpec"), 3, skip());
        define("CronJobSpec", 1, str("schedule"), 2, num("startingDeadlineSeconds"), 3, str("concurrencyPolicy"),
                4, bool("suspend"), 5, msg("jobTemplate", "JobTemplateSpec"), 6, num("successfulJobsHistoryLimit"),
                7, num("failedJobsHistoryLimit"), 8, str("timeZone"));
        define("JobTemplateSpec", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "JobSpec"));
        define("JobSpec", 1, num("parallelism"), 2, num("completions"), 3, num("activeDeadlineSeconds"),
                4, msg("selector", "LabelSelector"), 5, bool("manualSelector"), 6, msg("template", "PodTemplateSpec"),
                7, num("backoffLimit"), 8, num("ttlSecondsAfterFinished"), 9, str("completionMode"), 10, bool("suspend"),
                12, num("backoffLimitPerIndex"), 13, num("maxFailedIndexes"), 14, str("podReplacementPolicy"),
                15, str("managedBy"));
        define("LabelSelector", 1, new Field("matchLabels", Shape.STRING_MAP, null, true),
                2, new Field("matchExpressions", Shape.MESSAGE, "LabelSelectorRequirement", true));
        define("LabelSelectorRequirement", 1, str("key"), 2, str("operator"), 3, strings("values"));
        define("PodTemplateSpec", 1, msg("metadata", "ObjectMeta"), 2, msg("spec", "PodSpec"));
        define("PodSpec", 2, new Field("containers", Shape.MESSAGE, "Container", true), 3, str("restartPolicy"),
                4, num("terminationGracePeriodSeconds"), 5, num("activeDeadlineSeconds"), 6, str("dnsPolicy"),
                7, new Field("nodeSelector", Shape.STRING_MAP, null, true), 8, str("serviceAccountName"),
                9, str("serviceAccount"), 10, str("nodeName"), 11, bool("hostNetwork"), 12, bool("hostPID"),
                13, bool("hostIPC"), 16, str("hostname"), 17, str("subdomain"), 19, str("schedulerName"),
                20, new Field("initContainers", Shape.MESSAGE, "Container", true), 24, str("priorityClassName"));
        define("Container", 1, str("name"), 2, str("image"), 3, strings("command"), 4, strings("args"),
                5, str("workingDir"), 7, new Field("env", Shape.MESSAGE, "EnvVar", true),
                8, msg("resources", "ResourceRequirements"), 13, str("terminationMessagePath"),
                14, str("imagePullPolicy"), 16, bool("stdin"), 17, bool("stdinOnce"), 18, bool("tty"),
                20, str("terminationMessagePolicy"));
        define("EnvVar", 1, str("name"), 2, str("value"));
        define("ResourceRequirements", 1, new Field("limits", Shape.QUANTITY_MAP, null, true),
                2, new Field("requests", Shape.QUANTITY_MAP, null, true));
    }

    private ProtobufSchema() {
    }

    /** The fields of a message; null for a message this server cannot decode. */
    static Map<Integer, Field> fields(String message) {
        return MESSAGES.get(message);
    }

    private static void define(String message, Object... numbersAndFields) {
        Map<Integer, Field> fields = new HashMap<>();
        for (int i = 0; i < numbersAndFields.length; i += 2) {
            fields.put((Integer) numbersAndFields[i], (Field) numbersAndFields[i + 1]);
        }
        MESSAGES.put(message, fields);
    }

    private static Field str(String json) {
        return new Field(json, Shape.STRING, null, false);
    }

    private static Field strings(String json) {
        return new Field(json, Shape.STRING, null, true);
    }

    private static Field num(String json) {
        return new Field(json, Shape.INT, null, false);
    }

    private static Field bool(String json) {
        return new Field(json, Shape.BOOL, null, false);
    }

    private static Field msg(String json, String message) {
        return new Field(json, Shape.MESSAGE, message, false);
    }

    private static Field skip() {
        return new Field("", Shape.SKIP, null, false);
    }
}
