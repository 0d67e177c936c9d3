package io.batchplane.client;

import com.google.protobuf.ByteString;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.ResourceType;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.MutinyResourcesGrpc;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.PatchRequest;
import io.batchplane.api.v1.PatchType;
import io.batchplane.api.v1.Preconditions;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.UpdateRequest;
import io.batchplane.api.v1.WatchRequest;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Typed access to the API server's gRPC {@code Resources} service over fabric8 model classes. Every
 * call carries {@code authorization: Bearer <token>}; every failure surfaces as an
 * {@link io.batchplane.api.ApiException} (a transport failure as ServiceUnavailable). The resource
 * a call addresses is derived from the model class. Calls are lazy {@link Uni}s/{@link Multi}s:
 * nothing is sent until subscription.
 */
public final class ResourceClient implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final MutinyResourcesGrpc.MutinyResourcesStub stub;
    private final ResourcesGrpc.ResourcesStub streamingStub;
    private final ManagedChannel owned;

    /** A client over {@code channel}, which the caller owns and closes. */
    public ResourceClient(Channel channel, String token) {
        this(channel, token, null);
    }

    private ResourceClient(Channel channel, String token, ManagedChannel owned) {
        Metadata headers = new Metadata();
        if (token != null && !token.isEmpty()) {
            headers.put(AUTHORIZATION, "Bearer " + token);
        }
        Channel authenticated = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        this.stub = MutinyResourcesGrpc.newMutinyStub(authenticated);
        this.streamingStub = ResourcesGrpc.newStub(authenticated);
        this.owned = owned;
    }

    /** A client with its own plaintext channel to {@code host:grpcPort}; {@link #close()} shuts it down. */
    public static ResourceClient connect(String host, int grpcPort, String token) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, grpcPort).usePlaintext()
                .keepAliveTime(30, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
        return new ResourceClient(channel, token, channel);
    }

    public <T extends HasMetadata> Uni<T> create(T object) {
        return create(object, false);
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> Uni<T> create(T object, boolean dryRun) {
        Class<T> type = (Class<T>) object.getClass();
        CreateRequest req = CreateRequest.newBuilder().setResource(ResourceTypes.of(type).resource())
                .setNamespace(namespaceOf(object)).setJson(json(object)).setDryRun(dryRun).build();
        return decode(stub.create(req), type);
    }

    /** Binds a pod to a node: creates the {@code pods/binding} subresource of the named pod. */
    public Uni<Void> bind(Binding binding) {
        CreateRequest req = CreateRequest.newBuilder().setResource(ResourceType.PODS.resource())
                .setNamespace(namespaceOf(binding)).setName(binding.getMetadata().getName())
                .setSubresource("binding").setJson(json(binding)).build();
        return errors(stub.create(req)).replaceWithVoid();
    }

    public <T extends HasMetadata> Uni<T> get(Class<T> type, String namespace, String name) {
        GetRequest req = GetRequest.newBuilder().setKey(key(type, namespace, name)).build();
        return decode(stub.get(req), type);
    }

    /** One page of objects matching {@code options} (namespace, selectors, limit, continue). */
    public <T extends HasMetadata> Uni<ListResult<T>> list(Class<T> type, ListOptions options) {
        ListRequest req = ListRequest.newBuilder().setResource(ResourceTypes.of(type).resource())
                .setNamespace(options.namespace()).setLabelSelector(options.labelSelector())
                .setFieldSelector(options.fieldSelector()).setLimit(options.limit())
                .setContinue(options.continueToken()).build();
        return errors(stub.list(req)).map(resp -> {
            List<T> items = resp.getItemsList().stream().map(o -> ObjectCodec.fromJson(o.getJson().toByteArray(), type)).toList();
            return new ListResult<>(items, resp.getResourceVersion(), resp.getContinue(), resp.getRemainingItemCount());
        });
    }

    /**
     * Every object matching {@code options}, fetched {@code pageSize} at a time (0: in one call)
     * from one snapshot; the result's resourceVersion is that snapshot's revision.
     */
    public <T extends HasMetadata> Uni<ListResult<T>> listAll(Class<T> type, ListOptions options, long pageSize) {
        return nextPage(type, options.withLimit(pageSize).withContinue(""), new ArrayList<>(), 0);
    }

    private <T extends HasMetadata> Uni<ListResult<T>> nextPage(Class<T> type, ListOptions page, List<T> acc, long snapshot) {
        return list(type, page).flatMap(r -> {
            acc.addAll(r.items());
            long rv = snapshot == 0 ? r.resourceVersion() : snapshot;
            if (r.hasMore()) {
                return nextPage(type, page.withContinue(r.continueToken()), acc, rv);
            }
            return Uni.createFrom().item(new ListResult<>(List.copyOf(acc), rv, "", 0));
        });
    }

    /** Replaces the object (not its status); a set {@code metadata.resourceVersion} must be current. */
    public <T extends HasMetadata> Uni<T> update(T object) {
        return update(object, false);
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> Uni<T> update(T object, boolean dryRun) {
        Class<T> type = (Class<T>) object.getClass();
        return decode(stub.update(updateRequest(object, dryRun)), type);
    }

    /** Replaces only the status of the object. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> Uni<T> updateStatus(T object) {
        Class<T> type = (Class<T>) object.getClass();
        return decode(stub.updateStatus(updateRequest(object, false)), type);
    }

    public <T extends HasMetadata> Uni<T> patch(Class<T> type, String namespace, String name, PatchType patchType, String patch) {
        return patch(type, namespace, name, patchType, patch, "", false);
    }

    /** Patches the status subresource. */
    public <T extends HasMetadata> Uni<T> patchStatus(Class<T> type, String namespace, String name, PatchType patchType, String patch) {
        return patch(type, namespace, name, patchType, patch, "status", false);
    }

    public <T extends HasMetadata> Uni<T> patch(Class<T> type, String namespace, String name, PatchType patchType,
            String patch, String subresource, boolean dryRun) {
        PatchRequest req = PatchRequest.newBuilder().setKey(key(type, namespace, name)).setType(patchType)
                .setPatch(ByteString.copyFrom(patch, StandardCharsets.UTF_8)).setSubresource(subresource)
                .setDryRun(dryRun).build();
        return decode(stub.patch(req), type);
    }

    public <T extends HasMetadata> Uni<T> delete(Class<T> type, String namespace, String name) {
        return delete(type, namespace, name, DeleteOptions.defaults());
    }

    /**
     * Deletes the object, or marks it for deletion when finalizers or a grace period hold it; yields
     * the object as it stands after the call.
     */
    public <T extends HasMetadata> Uni<T> delete(Class<T> type, String namespace, String name, DeleteOptions options) {
        DeleteRequest.Builder req = DeleteRequest.newBuilder().setKey(key(type, namespace, name)).setDryRun(options.dryRun());
        if (options.preconditionUid() != null || options.preconditionResourceVersion() != null) {
            Preconditions.Builder p = Preconditions.newBuilder();
            if (options.preconditionUid() != null) {
                p.setUid(options.preconditionUid());
            }
            if (options.preconditionResourceVersion() != null) {
                p.setResourceVersion(options.preconditionResourceVersion());
            }
            req.setPreconditions(p);
        }
        if (options.propagationPolicy() != null) {
            req.setPropagationPolicy(options.propagationPolicy());
        }
        if (options.gracePeriodSeconds() != null) {
            req.setGracePeriodSeconds(options.gracePeriodSeconds());
        }
        return decode(stub.delete(req.build()), type);
    }

    /**
     * Every change after {@code options.resourceVersion()} (0: from now), in revision order. The
     * stream ends with a failure when the server drops it (Expired when the revision was compacted).
     * Cancelling the subscription cancels the gRPC call, so the server releases the watch.
     */
    public <T extends HasMetadata> Multi<WatchEvent<T>> watch(Class<T> type, ListOptions options) {
        WatchRequest req = WatchRequest.newBuilder().setResource(ResourceTypes.of(type).resource())
                .setNamespace(options.namespace()).setLabelSelector(options.labelSelector())
                .setFieldSelector(options.fieldSelector()).setResourceVersion(options.resourceVersion())
                .setAllowBookmarks(options.allowBookmarks()).build();
        return watchCall(req).onFailure().transform(GrpcErrors::fromGrpc).map(e -> {
            long rv = e.getObject().getResourceVersion();
            return switch (e.getType()) {
                case ADDED -> new WatchEvent<>(WatchEvent.Type.ADDED, decode(e.getObject(), type), rv);
                case MODIFIED -> new WatchEvent<>(WatchEvent.Type.MODIFIED, decode(e.getObject(), type), rv);
                case DELETED -> new WatchEvent<>(WatchEvent.Type.DELETED, decode(e.getObject(), type), rv);
                case BOOKMARK -> new WatchEvent<T>(WatchEvent.Type.BOOKMARK, null, rv);
                default -> throw io.batchplane.api.ApiException.internal("unknown watch event type " + e.getType());
            };
        });
    }

    /*
     * The generated Mutiny stub does not cancel the gRPC call when its Multi is cancelled, which
     * would leave a stopped informer's watch open on the server; so the plain stub is wrapped here.
     */
    private Multi<io.batchplane.api.v1.WatchEvent> watchCall(WatchRequest req) {
        return Multi.createFrom().emitter(emitter -> streamingStub.watch(req,
                new ClientResponseObserver<WatchRequest, io.batchplane.api.v1.WatchEvent>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchRequest> call) {
                        emitter.onTermination(() -> call.cancel("watch cancelled by the client", null));
                    }

                    @Override
                    public void onNext(io.batchplane.api.v1.WatchEvent event) {
                        emitter.emit(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        emitter.fail(t);
                    }

                    @Override
                    public void onCompleted() {
                        emitter.complete();
                    }
                }));
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
            try {
                if (!owned.awaitTermination(5, TimeUnit.SECONDS)) {
                    owned.shutdownNow();
                }
            } catch (InterruptedException e) {
                owned.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T extends HasMetadata> UpdateRequest updateRequest(T object, boolean dryRun) {
        return UpdateRequest.newBuilder().setResource(ResourceTypes.of(object.getClass()).resource())
                .setNamespace(namespaceOf(object)).setJson(json(object)).setDryRun(dryRun).build();
    }

    private static ObjectKey key(Class<? extends HasMetadata> type, String namespace, String name) {
        return ObjectKey.newBuilder().setResource(ResourceTypes.of(type).resource())
                .setNamespace(namespace == null ? "" : namespace).setName(name).build();
    }

    private static String namespaceOf(HasMetadata object) {
        String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        return ns == null ? "" : ns;
    }

    private static ByteString json(Object object) {
        return ByteString.copyFrom(ObjectCodec.toJson(object));
    }

    private static <T> T decode(ResourceObject o, Class<T> type) {
        return ObjectCodec.fromJson(o.getJson().toByteArray(), type);
    }

    private static <T> Uni<T> decode(Uni<ResourceObject> call, Class<T> type) {
        return errors(call).map(o -> decode(o, type));
    }

    private static <R> Uni<R> errors(Uni<R> call) {
        return call.onFailure().transform(GrpcErrors::fromGrpc);
    }
}
