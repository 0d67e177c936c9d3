package io.batchplane.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records handler calls as short strings: {@code add ns/name@rv}, {@code update ns/name@old->new}, {@code delete ns/name@rv[ unknown]}. */
final class RecordingHandler<T extends HasMetadata> implements ResourceEventHandler<T> {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAdd(T o) {
        events.add("add " + Indexer.key(o) + "@" + o.getMetadata().getResourceVersion());
    }

    @Override
    public void onUpdate(T old, T o) {
        events.add("update " + Indexer.key(o) + "@" + old.getMetadata().getResourceVersion() + "->" + o.getMetadata().getResourceVersion());
    }

    @Override
    public void onDelete(T o, boolean finalStateUnknown) {
        events.add("delete " + Indexer.key(o) + "@" + o.getMetadata().getResourceVersion() + (finalStateUnknown ? " unknown" : ""));
    }

    List<String> take() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }
}
