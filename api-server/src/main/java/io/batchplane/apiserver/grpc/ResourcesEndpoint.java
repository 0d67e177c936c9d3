package io.batchplane.apiserver.grpc;

import io.batchplane.api.ApiException;
import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.GetRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.MutinyResourcesGrpc;
import io.batchplane.api.v1.PatchRequest;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.UpdateRequest;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.batchplane.apiserver.auth.GrpcAuthInterceptor;
import io.batchplane.apiserver.auth.UserInfo;
import io.batchplane.apiserver.resource.DeleteOptions;
import io.batchplane.apiserver.resource.PodBinding;
import io.batchplane.apiserver.resource.ResourceDeletes;
import io.batchplane.apiserver.resource.ResourceReads;
import io.batchplane.apiserver.resource.ResourceWrites;
import io.batchplane.apiserver.storage.ObjectKey;
import io.batchplane.apiserver.storage.WatchEventType;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The gRPC face of the resource layer: unpacks requests, calls the same services the REST API
 * uses, and packs objects as their Kubernetes JSON. It holds no logic of its own.
 */
@GrpcService
public class ResourcesEndpoint extends MutinyResourcesGrpc.ResourcesImplBase {

    @Inject
    ResourceReads reads;
    @Inject
    ResourceWrites writes;
    @Inject
    ResourceDeletes deletes;
    @Inject
    PodBinding binding;

    @Override
    public Uni<ResourceObject> create(CreateRequest request) {
        UserInfo user = user();
        return call(() -> {
            if ("binding".equals(request.getSubresource()) && "pods".equals(request.getResource())) {
                return binding.bind(user, request.getNamespace(), request.getName(),
                        request.getJson().toByteArray(), request.getDryRun());
            }
            if (!request.getSubresource().isEmpty()) {
                throw ApiException.badRequest("unknown subresource " + request.getResource() + "/"
                        + request.getSubresource());
            }
            return writes.create(user, request.getResource(), request.getNamespace(),
                    request.getJson().toByteArray(), request.getDryRun());
        }).map(Envelopes::of);
    }

    @Override
    public Uni<ResourceObject> get(GetRequest request) {
        UserInfo user = user();
        return call(() -> reads.get(user, request.getKey().getResource(), request.getKey().getNamespace(),
                request.getKey().getName())).map(Envelopes::of);
    }

    @Override
    public Uni<ListResponse> list(ListRequest request) {
        UserInfo user = user();
        return call(() -> reads.list(user, request.getResource(), request.getNamespace(), request.getLabelSelector(),
                request.getFieldSelector(), (int) Math.min(Integer.MAX_VALUE, request.getLimit()),
                request.getContinue().isEmpty() ? null : request.getContinue())).map(Envelopes::of);
    }

    @Override
    public Uni<ResourceObject> update(UpdateRequest request) {
        UserInfo user = user();
        return call(() -> writes.update(user, request.getResource(), request.getNamespace(),
                request.getJson().toByteArray(), request.getDryRun(), false)).map(Envelopes::of);
    }

    @Override
    public Uni<ResourceObject> updateStatus(UpdateRequest request) {
        UserInfo user = user();
        return call(() -> writes.update(user, request.getResource(), request.getNamespace(),
                request.getJson().toByteArray(), request.getDryRun(), true)).map(Envelopes::of);
    }

    @Override
    public Uni<ResourceObject> patch(PatchRequest request) {
        UserInfo user = user();
        return call(() -> writes.patch(user, key(request.getKey()), request.getType(),
                request.getPatch().toByteArray(), request.getDryRun(), "status".equals(request.getSubresource())))
                .map(Envelopes::of);
    }

    @Override
    public Uni<ResourceObject> delete(DeleteRequest request) {
        UserInfo user = user();
        DeleteOptions options = new DeleteOptions(request.getPreconditions().getUid(),
                request.getPreconditions().getResourceVersion(), request.getPropagationPolicy(),
                request.hasGracePeriodSeconds() ? request.getGracePeriodSeconds() : null, request.getDryRun());
        return call(() -> deletes.delete(user, key(request.getKey()), options)).map(Envelopes::of);
    }

    @Override
    public Multi<WatchEvent> watch(WatchRequest request) {
        UserInfo user = user();
        return Multi.createFrom().deferred(() -> reads.watch(user, request.getResource(), request.getNamespace(),
                        request.getLabelSelector(), request.getFieldSelector(), request.getResourceVersion()))
                .filter(e -> request.getAllowBookmarks() || e.type() != WatchEventType.BOOKMARK)
                .map(Envelopes::of)
                .onFailure().transform(GrpcFailures::toGrpc);
    }

    private static <T> Uni<T> call(Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().deferred(body).onFailure().transform(GrpcFailures::toGrpc);
    }

    private static ObjectKey key(io.batchplane.api.v1.ObjectKey key) {
        return new ObjectKey(key.getResource(), key.getNamespace(), key.getName());
    }

    private static UserInfo user() {
        return GrpcAuthInterceptor.USER.get();
    }
}
