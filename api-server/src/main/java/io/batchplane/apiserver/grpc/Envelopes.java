package io.batchplane.apiserver.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.apiserver.storage.ListResult;
import io.batchplane.apiserver.storage.StoreEvent;
import io.batchplane.apiserver.storage.StoredObject;

/** Builds the wire envelopes of {@code resources.proto} from stored objects. */
final class Envelopes {

    private Envelopes() {
    }

    static ResourceObject of(StoredObject o) {
        return ResourceObject.newBuilder()
                .setResource(o.key().resource())
                .setNamespace(o.key().namespace())
                .setName(o.key().name())
                .setResourceVersion(o.revision())
                .setJson(UnsafeByteOperations.unsafeWrap(o.json()))
                .build();
    }

    static ListResponse of(ListResult list) {
        ListResponse.Builder builder = ListResponse.newBuilder()
                .setResourceVersion(list.revision())
                .setRemainingItemCount(list.remainingItemCount());
        if (list.continueToken() != null) {
            builder.setContinue(list.continueToken());
        }
        for (StoredObject item : list.items()) {
            builder.addItems(of(item));
        }
        return builder.build();
    }

    static WatchEvent of(StoreEvent event) {
        return switch (event.type()) {
            case BOOKMARK -> WatchEvent.newBuilder().setType(EventType.BOOKMARK)
                    .setObject(ResourceObject.newBuilder().setResourceVersion(event.revision())).build();
            case ADDED -> WatchEvent.newBuilder().setType(EventType.ADDED).setObject(of(event.object())).build();
            case MODIFIED -> WatchEvent.newBuilder().setType(EventType.MODIFIED).setObject(of(event.object())).build();
            case DELETED -> WatchEvent.newBuilder().setType(EventType.DELETED).setObject(of(event.object())).build();
        };
    }
}
