package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The STATUS and RESTARTS cells of a pod as kubectl shows them: the phase, overridden by the
 * pod's reason, by an init container still running or failed ({@code Init:0/1},
 * {@code Init:Error}), by a container's waiting or terminated reason, and {@code Terminating}
 * once deletion started; restarts summed over containers with how long ago the last one ended.
 */
final class PodPhrases {

    private PodPhrases() {
    }

    static String status(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("phase").asText("");
        if (reason.isEmpty()) {
            reason = "Pending";
        }
        if (!status.path("reason").asText("").isEmpty()) {
            reason = status.path("reason").asText();
        }
        int initTotal = pod.path("spec").path("initContainers").size();
        boolean initializing = false;
        int i = 0;
        for (JsonNode c : status.path("initContainerStatuses")) {
            JsonNode terminated = c.path("state").path("terminated");
            JsonNode waiting = c.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
                i++;
                continue;
            }
            if (terminated.isObject()) {
                reason = "Init:" + (terminated.path("reason").asText("").isEmpty()
                        ? "ExitCode:" + terminated.path("exitCode").asInt() : terminated.path("reason").asText());
            } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
                    && !waiting.path("reason").asText().equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + initTotal;
            }
            initializing = true;
            break;
        }
        if (!initializing) {
            boolean running = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int k = statuses.size() - 1; k >= 0; k--) {
                JsonNode state = statuses.get(k).path("state");
                String waiting = state.path("waiting").path("reason").asText("");
                JsonNode terminated = state.path("terminated");
                if (!waiting.isEmpty()) {
                    reason = waiting;
                } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
                    reason = terminated.path("reason").asText();
                } else if (terminated.isObject()) {
                    reason = terminated.path("signal").asInt(0) != 0 ? "Signal:" + terminated.path("signal").asInt()
                            : "ExitCode:" + terminated.path("exitCode").asInt();
                } else if (state.path("running").isObject() && statuses.get(k).path("ready").asBoolean(false)) {
                    running = true;
                }
            }
            if (reason.equals("Completed") && running) {
                reason = "Running";
            }
        }
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            reason = "NodeLost".equals(status.path("reason").asText()) ? "Unknown" : "Terminating";
        }
        return reason;
    }

    static String restarts(JsonNode pod, Instant now) {
        long restarts = 0;
        Instant last = null;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            restarts += c.path("restartCount").asLong(0);
            Instant finished = TableColumns.instant(c.path("lastState").path("terminated").path("finishedAt").asText(""));
            if (finished != null && (last == null || finished.isAfter(last))) {
                last = finished;
            }
        }
        return last == null || restarts == 0 ? String.valueOf(restarts)
                : restarts + " (" + TableColumns.since(last.toString(), now) + " ago)";
    }
}
