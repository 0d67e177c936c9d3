package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The system-owned metadata fields, as kube-apiserver sets them before any kind-specific logic:
 * uid, creationTimestamp, generation, generateName, and which of them an update may not change.
 * Pure: the caller passes {@code now}, the new uid and the random source.
 */
public final class MetadataRules {

    /** The alphabet of generated name suffixes: no vowels, no look-alike characters. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATED_PREFIX = 63 - SUFFIX_LENGTH;

    private MetadataRules() {
    }

    /** Kubernetes' timestamp format: RFC 3339 in UTC, whole seconds. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Fills the system fields of a new object. {@code requestNamespace} is the namespace the request
     * names (empty for cluster-scoped kinds); a body naming another namespace is a 400.
     */
    public static void prepareForCreate(ResourceType type, ObjectMeta meta, String requestNamespace, Instant now,
            String uid, RandomGenerator random) {
        String requested = requestNamespace == null ? "" : requestNamespace;
        if (type.namespaced()) {
            String bodyNamespace = meta.getNamespace() == null ? "" : meta.getNamespace();
            if (!bodyNamespace.isEmpty() && !requested.isEmpty() && !bodyNamespace.equals(requested)) {
                throw ApiException.badRequest(
                        "the namespace of the provided object does not match the namespace sent on the request");
            }
            meta.setNamespace(requested.isEmpty() ? bodyNamespace : requested);
        } else {
            meta.setNamespace(null);
        }
        if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null
                && !meta.getGenerateName().isEmpty()) {
            meta.setName(generateName(meta.getGenerateName(), random));
        }
        meta.setUid(uid);
        meta.setCreationTimestamp(timestamp(now));
        meta.setGeneration(1L);
        meta.setResourceVersion(null);
        meta.setDeletionTimestamp(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setSelfLink(null);
    }

    /** {@code prefix} plus five random characters; the prefix is cut so the name stays ≤ 63. */
    public static String generateName(String prefix, RandomGenerator random) {
        String base = prefix.length() > MAX_GENERATED_PREFIX ? prefix.substring(0, MAX_GENERATED_PREFIX) : prefix;
        StringBuilder name = new StringBuilder(base);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * Carries the system fields of the stored object over to its replacement: an update cannot
     * change uid (400 when it names another), creation time, deletion state or generation, and
     * cannot add finalizers to an object being deleted. Generation moves on when the spec changed.
     */
    public static void prepareForUpdate(ResourceType type, ObjectMeta meta, ObjectMeta old, boolean specChanged) {
        if (meta.getUid() != null && !meta.getUid().isEmpty() && !meta.getUid().equals(old.getUid())) {
            throw ApiException.conflict(type, old.getName(), "Precondition failed: UID in precondition: "
                    + meta.getUid() + ", UID in object meta: " + old.getUid());
        }
        meta.setUid(old.getUid());
        meta.setNamespace(old.getNamespace());
        meta.setCreationTimestamp(old.getCreationTimestamp());
        meta.setDeletionTimestamp(old.getDeletionTimestamp());
        meta.setDeletionGracePeriodSeconds(old.getDeletionGracePeriodSeconds());
        meta.setSelfLink(null);
        long generation = old.getGeneration() == null ? 1L : old.getGeneration();
        meta.setGeneration(specChanged ? generation + 1 : generation);
        if (old.getDeletionTimestamp() != null && addsFinalizer(meta.getFinalizers(), old.getFinalizers())) {
            throw ApiException.invalid(type, old.getName(), List.of(ApiException.cause("FieldValueForbidden",
                    "metadata.finalizers", "Forbidden: no new finalizers can be added if the object is being deleted")));
        }
    }

    private static boolean addsFinalizer(List<String> now, List<String> before) {
        if (now == null) {
            return false;
        }
        List<String> previous = before == null ? List.of() : before;
        return now.stream().anyMatch(f -> !previous.contains(f));
    }

    /** True when the stored object is gone from the user's view: being deleted with nothing holding it. */
    public static boolean readyToRemove(ObjectMeta meta) {
        return meta.getDeletionTimestamp() != null
                && (meta.getFinalizers() == null || meta.getFinalizers().isEmpty())
                && Objects.requireNonNullElse(meta.getDeletionGracePeriodSeconds(), 0L) == 0L;
    }
}
