package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.resource.Admission;
import io.batchplane.apiserver.resource.Json;
import io.batchplane.apiserver.resource.ResourceReads;
import io.batchplane.apiserver.storage.StoreEvent;
import io.batchplane.apiserver.storage.WatchEventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Serves {@code ?watch=true}: a chunked {@code application/json} stream of one watch event per
 * line, {@code {"type":"ADDED","object":{…}}}. Without a resourceVersion (or with "0") the stream
 * starts with an ADDED event per current object, as upstream's watch cache does; with one it
 * resumes after that revision. BOOKMARK events pass only with {@code allowWatchBookmarks=true}. A
 * failure after the headers went out — notably 410 Expired for a compacted revision — is sent
 * as an ERROR event carrying the Status, then the stream ends. {@code timeoutSeconds} ends the
 * stream; a closed connection cancels the store watch. A client that falls more than
 * {@link #MAX_QUEUED_BYTES} behind has its watch ended, as kube-apiserver ends slow watchers,
 * rather than the server buffering without bound. A request that asks to upgrade to a WebSocket
 * gets the same events as WebSocket text messages.
 */
@ApplicationScoped
public class WatchStream {

    /** Unsent bytes a watcher may fall behind by before its watch is ended (it then relists). */
    static final int MAX_QUEUED_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(WatchStream.class);

    @Inject
    ResourceReads reads;
    @Inject
    Admission admission;
    @Inject
    io.vertx.core.Vertx vertx;

    void serve(RoutingContext ctx, UserInfo user, RestPath path, MultiMap query) {
        ResourceType type = path.type();
        String rvParam = query.get("resourceVersion");
        long from = RequestOptions.revision(rvParam);
        boolean bookmarks = RequestOptions.flag(query, "allowWatchBookmarks");
        String labels = query.get("labelSelector");
        String fields = query.get("fieldSelector");
        if (!path.collection()) {
            fields = "metadata.name=" + path.name() + (fields == null || fields.isEmpty() ? "" : "," + fields);
        }
        String fieldSelector = fields;
        long timeout = timeoutSeconds(query.get("timeoutSeconds"));
        admission.authorize(user, "watch", type, "", type.namespaced() ? path.namespace() : "", "");
        boolean table = Tables.wanted(ctx);
        Multi<ObjectNode> events = Multi.createFrom().deferred(() -> {
            if (from != 0) {
                return reads.watch(user, type.resource(), path.namespace(), labels, fieldSelector, from)
                        .map(e -> event(type, e));
            }
            return reads.list(user, type.resource(), path.namespace(), labels, fieldSelector, 0, null)
                    .onItem().transformToMulti(list -> Multi.createBy().concatenating().streams(
                            Multi.createFrom().iterable(list.items()).map(o -> event("ADDED", o.object())),
                            reads.watch(user, type.resource(), path.namespace(), labels, fieldSelector,
                                    list.revision()).map(e -> event(type, e))));
        }).filter(e -> bookmarks || !"BOOKMARK".equals(e.path("type").asText()))
                .map(e -> table ? asTable(ctx, type, e) : e);
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            serveWebSocket(ctx, events, timeout);
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
        response.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
        response.writeHead();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Cancellable> self = new AtomicReference<>();
        Cancellable subscription = events.subscribe().with(
                e -> {
                    write(response, e);
                    if (response.writeQueueFull()) {
                        LOG.warnf("ending a watch of %s: the client reads too slowly", type.resource());
                        if (self.get() != null) {
                            self.get().cancel();
                        }
                        end(response, done);
                    }
                },
                failure -> {
                    write(response, event("ERROR", Json.MAPPER.valueToTree(Responses.status(failure))));
                    end(response, done);
                },
                () -> end(response, done));
        self.set(subscription);
        long timer = timeout > 0 ? vertx.setTimer(timeout * 1000, id -> {
            subscription.cancel();
            end(response, done);
        }) : -1;
        response.closeHandler(v -> {
            subscription.cancel();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /**
     * The same events over a WebSocket, one text message each, as kube-apiserver serves a watch
     * whose request asks to upgrade (fabric8 tries this first); the socket is closed when the
     * watch ends, and closing it cancels the store watch.
     */
    private void serveWebSocket(RoutingContext ctx, Multi<ObjectNode> events, long timeout) {
        ctx.request().toWebSocket().onComplete(upgrade -> {
            if (upgrade.failed()) {
                Responses.failure(ctx, ApiException.badRequest("cannot upgrade to a WebSocket: "
                        + upgrade.cause().getMessage()));
                return;
            }
            ServerWebSocket socket = upgrade.result();
            AtomicBoolean done = new AtomicBoolean();
            Runnable close = () -> {
                if (done.compareAndSet(false, true) && !socket.isClosed()) {
                    socket.close();
                }
            };
            Cancellable subscription = events.subscribe().with(
                    e -> socket.writeTextMessage(new String(Responses.bytes(e), StandardCharsets.UTF_8)),
                    failure -> {
                        socket.writeTextMessage(new String(Responses.bytes(event("ERROR",
                                Json.MAPPER.valueToTree(Responses.status(failure)))), StandardCharsets.UTF_8));
                        close.run();
                    },
                    close);
            long timer = timeout > 0 ? vertx.setTimer(timeout * 1000, id -> {
                subscription.cancel();
                close.run();
            }) : -1;
            socket.closeHandler(v -> {
                subscription.cancel();
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            });
        });
    }

    private static ObjectNode asTable(RoutingContext ctx, ResourceType type, ObjectNode event) {
        String kind = event.path("type").asText();
        if (kind.equals("ERROR") || kind.equals("BOOKMARK")) {
            return event;
        }
        event.set("object", Tables.render(ctx, type, (ObjectNode) event.get("object")));
        return event;
    }

    private static ObjectNode event(ResourceType type, StoreEvent e) {
        if (e.type() == WatchEventType.BOOKMARK) {
            ObjectNode object = Json.MAPPER.createObjectNode();
            object.put("kind", type.kind());
            object.put("apiVersion", type.apiVersion());
            object.putObject("metadata").put("resourceVersion", String.valueOf(e.revision()));
            return event("BOOKMARK", object);
        }
        return event(e.type().name(), e.object().object());
    }

    private static ObjectNode event(String type, ObjectNode object) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", type);
        event.set("object", object);
        return event;
    }

    private static void write(HttpServerResponse response, ObjectNode event) {
        if (!response.ended() && !response.closed()) {
            Buffer line = Buffer.buffer(Responses.bytes(event)).appendByte((byte) '\n');
            response.write(line);
        }
    }

    private static void end(HttpServerResponse response, AtomicBoolean done) {
        if (done.compareAndSet(false, true) && !response.ended() && !response.closed()) {
            response.end();
        }
    }

    private static long timeoutSeconds(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid timeoutSeconds \"" + text + "\"");
        }
    }
}
