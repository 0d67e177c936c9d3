package io.batchplane.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;

/**
 * A request failed in a way the caller should see: it carries the Kubernetes {@code Status} object
 * that REST returns as the body and gRPC carries in the status details. Factory methods word the
 * messages the way kube-apiserver does, so kubectl prints what users expect.
 */
public final class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status) {
        super(status.getMessage(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public StatusReason reason() {
        return StatusReason.of(status.getReason());
    }

    /** A failure with a reason and message and no details. */
    public static ApiException of(StatusReason reason, String message) {
        return new ApiException(base(reason, message).build());
    }

    public static ApiException notFound(ResourceType type, String name) {
        return withDetails(StatusReason.NOT_FOUND, type, name,
                qualified(type) + " \"" + name + "\" not found");
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return withDetails(StatusReason.ALREADY_EXISTS, type, name,
                qualified(type) + " \"" + name + "\" already exists");
    }

    /** A compare-and-swap failed: the caller's copy is stale. */
    public static ApiException conflict(ResourceType type, String name, String why) {
        return withDetails(StatusReason.CONFLICT, type, name,
                "Operation cannot be fulfilled on " + qualified(type) + " \"" + name + "\": " + why);
    }

    /** The object is invalid; one cause per bad field path. */
    public static ApiException invalid(ResourceType type, String name, List<StatusCause> causes) {
        String qualifiedKind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
        StringBuilder msg = new StringBuilder(qualifiedKind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            msg.append(causes.get(0).getField()).append(": ").append(causes.get(0).getMessage());
        } else {
            msg.append("[");
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) {
                    msg.append(", ");
                }
                msg.append(causes.get(i).getField()).append(": ").append(causes.get(i).getMessage());
            }
            msg.append("]");
        }
        Status status = base(StatusReason.INVALID, msg.toString())
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(type.group())
                        .withKind(type.kind()).withCauses(causes).build())
                .build();
        return new ApiException(status);
    }

    /** A field-level cause for {@link #invalid}; {@code type} is e.g. {@code FieldValueInvalid}. */
    public static StatusCause cause(String type, String field, String message) {
        return new StatusCauseBuilder().withReason(type).withField(field).withMessage(message).build();
    }

    /** The watch or list asked for a revision older than the retained history. */
    public static ApiException expired(long requested, long oldest) {
        return of(StatusReason.EXPIRED,
                "too old resource version: " + requested + " (" + oldest + ")");
    }

    public static ApiException badRequest(String message) {
        return of(StatusReason.BAD_REQUEST, message);
    }

    public static ApiException internal(String message) {
        return of(StatusReason.INTERNAL_ERROR, "Internal error occurred: " + message);
    }

    private static ApiException withDetails(StatusReason reason, ResourceType type, String name, String message) {
        Status status = base(reason, message)
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(type.group())
                        .withKind(type.resource()).build())
                .build();
        return new ApiException(status);
    }

    private static StatusBuilder base(StatusReason reason, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withReason(reason.reason()).withCode(reason.httpCode()).withMessage(message)
                .withNewMetadata().endMetadata();
    }

    private static String qualified(ResourceType type) {
        return type.group().isEmpty() ? type.resource() : type.resource() + "." + type.group();
    }
}
