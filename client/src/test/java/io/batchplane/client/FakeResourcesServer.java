package io.batchplane.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.PatchRequest;
import io.batchplane.api.v1.PatchType;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process {@code Resources} server over an in-memory map with one revision counter, enough
 * for client tests: CAS updates, label selectors, paging, a revision log for watches, and hooks to
 * drop watches, refuse new ones and compact history (so old watches get Expired).
 */
public final class FakeResourcesServer extends ResourcesGrpc.ResourcesImplBase implements AutoCloseable {

    public static final String TOKEN = "test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> objects = new TreeMap<>();
    private final List<Event> log = new ArrayList<>();
    private final List<Watcher> watchers = new ArrayList<>();
    /** The revision of each watch call received, in order. */
    public final List<Long> watchCalls = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private long revision;
    private long compactedRevision;
    private boolean refuseWatches;
    private final Server server;
    private final ServerInterceptor auth;
    private Server tcp;
    private final ManagedChannel channel;

    private record Event(long rev, EventType type, String resource, String namespace, ObjectNode object) {
    }

    /** Identity-compared, so removing one watcher never removes another with equal fields. */
    private static final class Watcher {
        final WatchRequest req;
        final StreamObserver<WatchEvent> out;

        Watcher(WatchRequest req, StreamObserver<WatchEvent> out) {
            this.req = req;
            this.out = out;
        }
    }

    public FakeResourcesServer() throws IOException {
        String name = "fake-" + UUID.randomUUID();
        auth = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String value = headers.get(ResourceClient.AUTHORIZATION);
                authorizations.add(String.valueOf(value));
                if (!("Bearer " + TOKEN).equals(value)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("bad token"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
        server = InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(this, auth)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    /** Also serves over a real (Netty) TCP port on the loopback address; returns the port. */
    public int listenOnLoopback() throws IOException {
        tcp = NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(this, auth)).build().start();
        return tcp.getPort();
    }

    public ResourceClient client() {
        return new ResourceClient(channel, TOKEN);
    }

    public ResourceClient client(String token) {
        return new ResourceClient(channel, token);
    }

    // --- fault injection -------------------------------------------------------------------------

    /** Ends every open watch with UNAVAILABLE, as a dropped connection would. */
    public synchronized void disconnectWatches() {
        watchers.forEach(w -> w.out.onError(Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException()));
        watchers.clear();
    }

    /** While true, new watches fail with UNAVAILABLE at once. */
    public synchronized void refuseWatches(boolean refuse) {
        this.refuseWatches = refuse;
    }

    /** Forgets history up to now: a watch from an older revision fails with Expired. */
    public synchronized void compact() {
        compactedRevision = revision;
        log.clear();
    }

    /** Sends a bookmark at the current revision to every open watch. */
    public synchronized void bookmark() {
        WatchEvent e = WatchEvent.newBuilder().setType(EventType.BOOKMARK)
                .setObject(ResourceObject.newBuilder().setResourceVersion(revision)).build();
        watchers.forEach(w -> w.out.onNext(e));
    }

    public synchronized int openWatches() {
        return watchers.size();
    }

    public synchronized long revision() {
        return revision;
    }

    // --- service ---------------------------------------------------------------------------------

    @Override
    public void create(CreateRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> {
            ObjectNode body = parse(req.getJson());
            if (req.getSubresource().equals("binding")) {
                ObjectNode pod = existing(req.getResource(), req.getNamespace(), req.getName());
                ((ObjectNode) pod.with("spec")).put("nodeName", body.path("target").path("name").asText());
                return write(EventType.MODIFIED, req.getResource(), req.getNamespace(), pod);
            }
            ObjectNode meta = (ObjectNode) body.with("metadata");
            if (meta.path("name").asText().isEmpty() && meta.has("generateName")) {
                meta.put("name", meta.get("generateName").asText() + Long.toString(revision + 1, 36));
            }
            String name = meta.path("name").asText();
            if (objects.containsKey(key(req.getResource(), req.getNamespace(), name))) {
                throw ApiException.alreadyExists(type(req.getResource()), name);
            }
            meta.put("uid", UUID.randomUUID().toString());
            return req.getDryRun() ? envelope(req.getResource(), body) : write(EventType.ADDED, req.getResource(), req.getNamespace(), body);
        });
    }

    @Override
    public void get(GetRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> {
            ObjectKey k = req.getKey();
            return envelope(k.getResource(), existing(k.getResource(), k.getNamespace(), k.getName()));
        });
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListResponse> out) {
        respond(out, () -> {
            List<ObjectNode> matching = objects.values().stream()
                    .filter(o -> matches(o, req.getResource(), req.getNamespace(), req.getLabelSelector())).toList();
            int offset = req.getContinue().isEmpty() ? 0 : Integer.parseInt(req.getContinue());
            int end = req.getLimit() > 0 ? (int) Math.min(matching.size(), offset + req.getLimit()) : matching.size();
            ListResponse.Builder b = ListResponse.newBuilder().setResourceVersion(revision);
            matching.subList(offset, end).forEach(o -> b.addItems(envelope(req.getResource(), o)));
            if (end < matching.size()) {
                b.setContinue(Integer.toString(end)).setRemainingItemCount(matching.size() - end);
            }
            return b.build();
        });
    }

    @Override
    public void update(UpdateRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> replace(req, false));
    }

    @Override
    public void updateStatus(UpdateRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> replace(req, true));
    }

    private ResourceObject replace(UpdateRequest req, boolean status) {
        ObjectNode body = parse(req.getJson());
        String name = body.path("metadata").path("name").asText();
        ObjectNode current = existing(req.getResource(), req.getNamespace(), name);
        String rv = body.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw ApiException.conflict(type(req.getResource()), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        ObjectNode next = current.deepCopy();
        if (status) {
            next.set("status", body.get("status"));
        } else {
            JsonNode keep = current.get("status");
            next = body.deepCopy();
            ((ObjectNode) next.with("metadata")).put("uid", current.path("metadata").path("uid").asText());
            if (keep != null) {
                next.set("status", keep);
            } else {
                next.remove("status");
            }
        }
        return write(EventType.MODIFIED, req.getResource(), req.getNamespace(), next);
    }

    @Override
    public void patch(PatchRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> {
            ObjectKey k = req.getKey();
            ObjectNode current = existing(k.getResource(), k.getNamespace(), k.getName());
            JsonNode patch = parse(req.getPatch(), JsonNode.class);
            JsonNode next = req.getType() == PatchType.JSON ? JsonPatch.apply(patch, current) : merge(current.deepCopy(), patch);
            return write(EventType.MODIFIED, k.getResource(), k.getNamespace(), (ObjectNode) next);
        });
    }

    @Override
    public void delete(DeleteRequest req, StreamObserver<ResourceObject> out) {
        respond(out, () -> {
            ObjectKey k = req.getKey();
            ObjectNode current = existing(k.getResource(), k.getNamespace(), k.getName());
            JsonNode meta = current.path("metadata");
            if (req.hasPreconditions()) {
                String uid = req.getPreconditions().getUid();
                String rv = req.getPreconditions().getResourceVersion();
                if ((!uid.isEmpty() && !uid.equals(meta.path("uid").asText()))
                        || (!rv.isEmpty() && !rv.equals(meta.path("resourceVersion").asText()))) {
                    throw ApiException.conflict(type(k.getResource()), k.getName(), "Precondition failed");
                }
            }
            if (req.getDryRun()) {
                return envelope(k.getResource(), current);
            }
            objects.remove(key(k.getResource(), k.getNamespace(), k.getName()));
            return write(EventType.DELETED, k.getResource(), k.getNamespace(), current.deepCopy());
        });
    }

    @Override
    public synchronized void watch(WatchRequest req, StreamObserver<WatchEvent> out) {
        watchCalls.add(req.getResourceVersion());
        if (refuseWatches) {
            out.onError(Status.UNAVAILABLE.withDescription("refused").asRuntimeException());
            return;
        }
        long from = req.getResourceVersion();
        if (from != 0 && from < compactedRevision) {
            out.onError(GrpcErrors.toGrpc(ApiException.expired(from, compactedRevision)));
            return;
        }
        Watcher w = new Watcher(req, out);
        ((ServerCallStreamObserver<WatchEvent>) out).setOnCancelHandler(() -> {
            synchronized (this) {
                watchers.remove(w);
            }
        });
        if (from != 0) {
            log.stream().filter(e -> e.rev > from).forEach(e -> send(w, e));
        }
        watchers.add(w);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private synchronized <R> void respond(StreamObserver<R> out, java.util.function.Supplier<R> body) {
        R result;
        try {
            result = body.get();
        } catch (ApiException e) {
            out.onError(GrpcErrors.toGrpc(e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private ResourceObject write(EventType type, String resource, String namespace, ObjectNode object) {
        long rev = ++revision;
        ((ObjectNode) object.with("metadata")).put("resourceVersion", Long.toString(rev));
        String name = object.path("metadata").path("name").asText();
        if (type != EventType.DELETED) {
            objects.put(key(resource, namespace, name), object);
        }
        Event e = new Event(rev, type, resource, namespace, object.deepCopy());
        log.add(e);
        watchers.forEach(w -> send(w, e));
        return envelope(resource, object);
    }

    private void send(Watcher w, Event e) {
        if (!w.req.getResource().equals(e.resource)
                || !matches(e.object, e.resource, w.req.getNamespace(), w.req.getLabelSelector())) {
            return;
        }
        w.out.onNext(WatchEvent.newBuilder().setType(e.type).setObject(envelope(e.resource, e.object)).build());
    }

    private static boolean matches(ObjectNode o, String resource, String namespace, String labelSelector) {
        if (!namespace.isEmpty() && !namespace.equals(o.path("metadata").path("namespace").asText())) {
            return false;
        }
        if (!o.path("kind").asText().equals(type(resource).kind())) {
            return false;
        }
        for (String term : labelSelector.isEmpty() ? new String[0] : labelSelector.split(",")) {
            String[] kv = term.split("=", 2);
            if (!kv[1].equals(o.path("metadata").path("labels").path(kv[0]).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode existing(String resource, String namespace, String name) {
        ObjectNode o = objects.get(key(resource, namespace, name));
        if (o == null) {
            throw ApiException.notFound(type(resource), name);
        }
        return o.deepCopy();
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
        patch.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                t.remove(f.getKey());
            } else {
                t.set(f.getKey(), merge(t.get(f.getKey()), f.getValue()));
            }
        });
        return t;
    }

    private static ResourceObject envelope(String resource, ObjectNode o) {
        JsonNode meta = o.path("metadata");
        return ResourceObject.newBuilder().setResource(resource).setNamespace(meta.path("namespace").asText(""))
                .setName(meta.path("name").asText()).setResourceVersion(meta.path("resourceVersion").asLong(0))
                .setJson(ByteString.copyFrom(o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    private static ResourceType type(String resource) {
        return ResourceType.byResource(resource).orElseThrow(() -> ApiException.badRequest("unknown resource " + resource));
    }

    private static String key(String resource, String namespace, String name) {
        return resource + "/" + namespace + "/" + name;
    }

    private static ObjectNode parse(ByteString json) {
        return parse(json, ObjectNode.class);
    }

    private static <N> N parse(ByteString json, Class<N> type) {
        try {
            return JSON.readValue(json.toByteArray(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        if (tcp != null) {
            tcp.shutdownNow();
        }
    }
}
