package io.batchplane.apiserver.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;

/**
 * Applies a patch document to an object. A body that is not JSON is a 400; a patch that does not
 * apply (a JSON patch test that fails, a path that is missing) is a 422, as kube-apiserver answers.
 */
public final class Patches {

    private Patches() {
    }

    public static ObjectNode apply(ObjectNode current, PatchType type, byte[] patchBytes) {
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(patchBytes);
        } catch (IOException e) {
            throw ApiException.badRequest("the patch is not valid JSON");
        }
        if (patch == null) {
            throw ApiException.badRequest("the patch is empty");
        }
        JsonNode result = switch (type) {
            case MERGE -> {
                if (!patch.isObject()) {
                    throw ApiException.badRequest("a merge patch must be a JSON object");
                }
                yield MergePatch.apply(current, patch);
            }
            case JSON -> {
                if (!patch.isArray()) {
                    throw ApiException.badRequest("a JSON patch must be a JSON array of operations");
                }
                try {
                    yield JsonPatch.apply(patch, current);
                } catch (RuntimeException e) {
                    throw ApiException.of(StatusReason.INVALID, "the JSON patch does not apply: " + e.getMessage());
                }
            }
            case STRATEGIC -> {
                if (!patch.isObject()) {
                    throw ApiException.badRequest("a strategic merge patch must be a JSON object");
                }
                yield StrategicMergePatch.apply(current, StrategicMergePatch.parse(patchBytes));
            }
            default -> throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE, "unknown patch type " + type);
        };
        if (!result.isObject()) {
            throw ApiException.of(StatusReason.INVALID, "the patched object is not a JSON object");
        }
        return (ObjectNode) result;
    }
}
