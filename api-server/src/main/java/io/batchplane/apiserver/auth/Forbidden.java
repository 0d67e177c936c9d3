package io.batchplane.apiserver.auth;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;

/**
 * Builds the Forbidden error kube-apiserver returns: {@code <resource[.group]> "<name>" is forbidden:
 * <reason>} (without the quoted name when the request names no object), with the group, resource and
 * name in the details, HTTP 403.
 */
final class Forbidden {

    private Forbidden() {
    }

    /** A Forbidden error for a request on {@code attrs} (the name is taken from {@code name}). */
    static ApiException of(RequestAttributes attrs, String name, String reason) {
        String group = attrs.apiGroup();
        String qualified = group.isEmpty() ? attrs.resource() : attrs.resource() + "." + group;
        String message = name.isEmpty()
                ? qualified + " is forbidden: " + reason
                : qualified + " \"" + name + "\" is forbidden: " + reason;
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withNewMetadata().endMetadata()
                .withReason(StatusReason.FORBIDDEN.reason()).withCode(StatusReason.FORBIDDEN.httpCode())
                .withMessage(message)
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(group).withKind(attrs.resource()).build())
                .build());
    }
}
