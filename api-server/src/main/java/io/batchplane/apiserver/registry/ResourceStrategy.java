package io.batchplane.apiserver.registry;

import io.batchplane.api.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;

/**
 * The per-kind rules kube-apiserver applies around a write, as its {@code RESTCreateStrategy} /
 * {@code RESTUpdateStrategy} and the {@code /status} strategies do: defaulting, clearing or keeping
 * status, validation, immutability. Generic metadata (uid, resourceVersion, generation, timestamps,
 * generateName) belongs to the caller; see {@link ObjectMetaValidation}. Methods mutate their
 * arguments in place and never do I/O. In an update, {@code oldObj} is the caller's own copy of the
 * stored object, only read after the update is prepared (by validation and comparison), so the
 * prepare methods carry its parts over to {@code newObj} by reference, without copying them.
 */
public interface ResourceStrategy<T extends HasMetadata> {

    ResourceType type();

    Class<T> modelClass();

    /** Whether the kind has a {@code /status} subresource, so main updates keep the old status. */
    boolean hasStatusSubresource();

    /**
     * Applies upstream defaulting and the create-time preparation (status reset where upstream resets
     * it). Expects {@code metadata.name} and {@code metadata.uid} already set by the caller.
     */
    void prepareForCreate(T obj);

    /** Validates an object after {@link #prepareForCreate}; causes carry field paths like upstream's. */
    List<StatusCause> validate(T obj);

    /** Prepares a main-resource update: defaults the new object and carries the old status over. */
    void prepareForUpdate(T newObj, T oldObj);

    /** Validates an update after {@link #prepareForUpdate}: spec validity plus immutability rules. */
    List<StatusCause> validateUpdate(T newObj, T oldObj);

    /** Prepares a {@code /status} update: everything but status is taken from the old object. */
    void prepareForStatusUpdate(T newObj, T oldObj);

    List<StatusCause> validateStatusUpdate(T newObj, T oldObj);

    /**
     * Whether this update must bump {@code metadata.generation}: the spec differs, for the kinds whose
     * generation upstream tracks (Job, CronJob, Pod); never for the others.
     */
    boolean specChanged(T newObj, T oldObj);
}
