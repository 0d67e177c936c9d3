package io.batchplane.apiserver.registry;

import io.batchplane.api.Finalizers;
import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validation of the generic {@code metadata} every object carries, for the layer that creates and
 * updates objects: name and generateName format per kind, namespace presence, labels, annotations,
 * finalizers and owner references. Causes carry {@code metadata.*} paths as upstream's
 * {@code ValidateObjectMeta} reports them. As upstream, the caller fills {@code metadata.name} from
 * {@code generateName} before validating: a missing name is reported even when generateName is set.
 */
public final class ObjectMetaValidation {

    /** Upstream's {@code TotalAnnotationSizeLimitB}: keys plus values. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
    /** A Job's name becomes the value of its pods' job-name label, so it must fit a label value. */
    public static final int JOB_NAME_MAX = 63;
    /** The CronJob controller appends an 11-character {@code -<minutes>} suffix to name its Jobs. */
    public static final int CRONJOB_NAME_MAX = 52;

    private static final Set<String> STANDARD_FINALIZERS =
            Set.of(Finalizers.KUBERNETES, Finalizers.ORPHAN, Finalizers.FOREGROUND_DELETION);

    private ObjectMetaValidation() {
    }

    /** Validates the metadata of an object about to be created. */
    public static List<StatusCause> validateCreate(ResourceType type, ObjectMeta meta) {
        List<StatusCause> errs = validateCommon(type, meta);
        String name = meta.getName();
        if (name != null && !name.isEmpty()) {
            if (type.equals(ResourceType.JOBS) && name.length() > JOB_NAME_MAX) {
                errs.add(FieldErrors.invalid("metadata.name", name, NameRules.maxLen(JOB_NAME_MAX)));
            }
            if (type.equals(ResourceType.CRONJOBS) && name.length() > CRONJOB_NAME_MAX) {
                errs.add(FieldErrors.invalid("metadata.name", name, NameRules.maxLen(CRONJOB_NAME_MAX)));
            }
        }
        return errs;
    }

    /**
     * Validates the metadata of an update: the same format rules (except the create-only name-length
     * limits, which upstream skips on update so old objects stay updatable) plus immutability of name,
     * namespace, uid and creationTimestamp.
     */
    public static List<StatusCause> validateUpdate(ResourceType type, ObjectMeta meta, ObjectMeta old) {
        List<StatusCause> errs = validateCommon(type, meta);
        immutable(errs, "metadata.name", meta.getName(), old.getName());
        immutable(errs, "metadata.namespace", meta.getNamespace(), old.getNamespace());
        immutable(errs, "metadata.uid", meta.getUid(), old.getUid());
        immutable(errs, "metadata.creationTimestamp", meta.getCreationTimestamp(), old.getCreationTimestamp());
        return errs;
    }

    private static List<StatusCause> validateCommon(ResourceType type, ObjectMeta meta) {
        List<StatusCause> errs = new ArrayList<>();
        boolean labelNames = type.equals(ResourceType.NAMESPACES);
        String name = meta.getName();
        String generateName = meta.getGenerateName();
        if (generateName != null && !generateName.isEmpty()) {
            for (String msg : NameRules.name(generateName, true, labelNames)) {
                errs.add(FieldErrors.invalid("metadata.generateName", generateName, msg));
            }
        }
        if (name == null || name.isEmpty()) {
            errs.add(FieldErrors.required("metadata.name", "name or generateName is required"));
        } else {
            for (String msg : NameRules.name(name, false, labelNames)) {
                errs.add(FieldErrors.invalid("metadata.name", name, msg));
            }
        }
        String ns = meta.getNamespace();
        if (type.namespaced()) {
            if (ns == null || ns.isEmpty()) {
                errs.add(FieldErrors.required("metadata.namespace", ""));
            } else {
                for (String msg : NameRules.dns1123Label(ns)) {
                    errs.add(FieldErrors.invalid("metadata.namespace", ns, msg));
                }
            }
        } else if (ns != null && !ns.isEmpty()) {
            errs.add(FieldErrors.forbidden("metadata.namespace", "not allowed on this type"));
        }
        errs.addAll(validateLabels(meta.getLabels(), "metadata.labels"));
        errs.addAll(validateAnnotations(meta.getAnnotations(), "metadata.annotations"));
        errs.addAll(validateFinalizers(meta.getFinalizers(), "metadata.finalizers"));
        errs.addAll(validateOwnerReferences(meta.getOwnerReferences(), "metadata.ownerReferences"));
        return errs;
    }

    /** Label keys must be qualified names and values valid label values; errors name the map's path. */
    public static List<StatusCause> validateLabels(Map<String, String> labels, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        labels.forEach((k, v) -> {
            for (String msg : NameRules.qualifiedName(k)) {
                errs.add(FieldErrors.invalid(path, k, msg));
            }
            for (String msg : NameRules.labelValue(v == null ? "" : v)) {
                errs.add(FieldErrors.invalid(path, v, msg));
            }
        });
        return errs;
    }

    /** Annotation keys must be qualified names (case-insensitively); keys and values fit 256 KiB. */
    public static List<StatusCause> validateAnnotations(Map<String, String> annotations, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (annotations == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            for (String msg : NameRules.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                errs.add(FieldErrors.invalid(path, e.getKey(), msg));
            }
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.add(FieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errs;
    }

    /**
     * Finalizer names are qualified names; a name without a domain prefix must be one of the
     * standard ones, and orphan and foreground deletion exclude each other.
     */
    public static List<StatusCause> validateFinalizers(List<String> finalizers, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (finalizers == null) {
            return errs;
        }
        for (String f : finalizers) {
            List<String> msgs = NameRules.qualifiedName(f);
            for (String msg : msgs) {
                errs.add(FieldErrors.invalid(path, f, msg));
            }
            if (msgs.isEmpty() && !f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
                errs.add(FieldErrors.invalid(path, f,
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        if (finalizers.contains(Finalizers.ORPHAN) && finalizers.contains(Finalizers.FOREGROUND_DELETION)) {
            errs.add(FieldErrors.invalid(path, finalizers, "finalizer " + Finalizers.ORPHAN + " and "
                    + Finalizers.FOREGROUND_DELETION + " cannot be both set"));
        }
        return errs;
    }

    /**
     * Each reference needs apiVersion (with a version), kind, name and uid; Events may not own
     * objects; at most one reference may be the controller. Upstream reports these without an index.
     */
    public static List<StatusCause> validateOwnerReferences(List<OwnerReference> refs, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (refs == null) {
            return errs;
        }
        String firstController = null;
        for (OwnerReference ref : refs) {
            String apiVersion = Objects.requireNonNullElse(ref.getApiVersion(), "");
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty()) {
                errs.add(FieldErrors.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
            }
            if (isEmpty(ref.getKind())) {
                errs.add(FieldErrors.invalid(path + ".kind", Objects.requireNonNullElse(ref.getKind(), ""),
                        "must not be empty"));
            }
            if (isEmpty(ref.getName())) {
                errs.add(FieldErrors.invalid(path + ".name", Objects.requireNonNullElse(ref.getName(), ""),
                        "must not be empty"));
            }
            if (isEmpty(ref.getUid())) {
                errs.add(FieldErrors.invalid(path + ".uid", Objects.requireNonNullElse(ref.getUid(), ""),
                        "must not be empty"));
            }
            if ("v1".equals(apiVersion) && "Event".equals(ref.getKind())) {
                errs.add(FieldErrors.invalidOmitValue(path, "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (Boolean.TRUE.equals(ref.getController())) {
                String current = ref.getKind() + "/" + ref.getName();
                if (firstController != null) {
                    errs.add(FieldErrors.invalidOmitValue(path, "Only one reference can have Controller set to "
                            + "true. Found \"true\" in references for " + firstController + " and " + current));
                } else {
                    firstController = current;
                }
            }
        }
        return errs;
    }

    private static void immutable(List<StatusCause> errs, String path, Object value, Object old) {
        if (!Objects.equals(emptyToNull(value), emptyToNull(old))) {
            errs.add(FieldErrors.immutable(path, value));
        }
    }

    private static Object emptyToNull(Object o) {
        return o instanceof String s && s.isEmpty() ? null : o;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
