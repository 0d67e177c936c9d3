package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.apiserver.resource.DeleteOptions;
import io.batchplane.apiserver.resource.Json;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.List;

/**
 * Reads the query parameters and option bodies of REST requests: {@code dryRun}, {@code limit},
 * {@code resourceVersion}, and DeleteOptions from a body and/or the query (the body wins where
 * both say something, as kube-apiserver decodes the body over the query).
 */
final class RequestOptions {

    private RequestOptions() {
    }

    /** {@code dryRun=All} is a dry run; no parameter is a real request; anything else a 400. */
    static boolean dryRun(MultiMap query) {
        List<String> values = query.getAll("dryRun");
        boolean dry = false;
        for (String v : values) {
            if (v.equals("All")) {
                dry = true;
            } else if (!v.isEmpty()) {
                throw ApiException.badRequest("Invalid dry run option: " + v + ": supported values: \"All\"");
            }
        }
        return dry;
    }

    static int limit(MultiMap query) {
        String limit = query.get("limit");
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(limit);
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid limit \"" + limit + "\"");
        }
    }

    static boolean flag(MultiMap query, String name) {
        String v = query.get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /** A resourceVersion parameter as a revision; empty or absent is 0. */
    static long revision(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version \"" + text + "\"");
        }
    }

    /** DeleteOptions from the query and an optional JSON body. */
    static DeleteOptions deleteOptions(MultiMap query, byte[] body) {
        String uid = "";
        String resourceVersion = "";
        String propagation = query.get("propagationPolicy");
        Boolean orphan = query.contains("orphanDependents") ? flag(query, "orphanDependents") : null;
        Long grace = graceOf(query.get("gracePeriodSeconds"));
        boolean dryRun = dryRun(query);
        if (body != null && body.length > 0) {
            JsonNode options;
            try {
                options = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw ApiException.badRequest("the DeleteOptions body is not valid JSON");
            }
            if (options != null && !options.isNull()) {
                if (!options.isObject()) {
                    throw ApiException.badRequest("the DeleteOptions body must be a JSON object");
                }
                if (options.hasNonNull("propagationPolicy")) {
                    propagation = options.get("propagationPolicy").asText();
                }
                if (options.hasNonNull("orphanDependents")) {
                    orphan = options.get("orphanDependents").asBoolean();
                }
                if (options.hasNonNull("gracePeriodSeconds")) {
                    grace = options.get("gracePeriodSeconds").asLong();
                }
                JsonNode pre = options.path("preconditions");
                uid = pre.path("uid").asText("");
                resourceVersion = pre.path("resourceVersion").asText("");
                for (JsonNode v : options.path("dryRun")) {
                    if (!v.asText().equals("All")) {
                        throw ApiException.badRequest("Invalid dry run option: " + v.asText());
                    }
                    dryRun = true;
                }
            }
        }
        return new DeleteOptions(uid, resourceVersion, propagation(propagation, orphan), grace, dryRun);
    }

    private static Long graceOf(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid gracePeriodSeconds \"" + text + "\"");
        }
    }

    static PropagationPolicy propagation(String policy, Boolean orphanDependents) {
        if (policy != null && !policy.isEmpty()) {
            if (orphanDependents != null) {
                throw ApiException.badRequest("orphanDependents and propagationPolicy cannot both be set");
            }
            return switch (policy) {
                case "Orphan" -> PropagationPolicy.ORPHAN;
                case "Background" -> PropagationPolicy.BACKGROUND;
                case "Foreground" -> PropagationPolicy.FOREGROUND;
                default -> throw ApiException.badRequest("DeleteOptions.propagationPolicy: Unsupported value: \""
                        + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
            };
        }
        if (orphanDependents != null) {
            return orphanDependents ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND;
        }
        return PropagationPolicy.PROPAGATION_POLICY_UNSPECIFIED;
    }
}
