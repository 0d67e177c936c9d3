package io.batchplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.batchplane.e2e.Objects;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the pods of one namespace and notes, per pod, when the benchmark first saw it created,
 * bound to a node, Running and Succeeded (watch delivery times on this JVM's monotonic clock: the
 * API server's timestamps have one-second resolution, too coarse for these latencies).
 */
final class PodTimeline implements AutoCloseable {

    /** The stages in lifecycle order. */
    enum Stage { CREATED, BOUND, RUNNING, SUCCEEDED }

    private final ConcurrentHashMap<String, long[]> pods = new ConcurrentHashMap<>();
    private final Context.CancellableContext context = Context.current().withCancellation();
    private volatile Throwable failure;

    PodTimeline(ResourcesGrpc.ResourcesStub watchStub, String namespace, long fromRevision) {
        context.run(() -> watchStub.watch(WatchRequest.newBuilder().setResource("pods").setNamespace(namespace)
                .setResourceVersion(fromRevision).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(WatchEvent event) {
                        if (event.getType() == EventType.ADDED || event.getType() == EventType.MODIFIED) {
                            note(Objects.parse(event.getObject()), System.nanoTime());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure = t;
                    }

                    @Override
                    public void onCompleted() {
                    }
                }));
    }

    private void note(JsonNode pod, long now) {
        long[] t = pods.computeIfAbsent(pod.path("metadata").path("name").asText(), n -> new long[Stage.values().length]);
        mark(t, Stage.CREATED, now);
        if (!pod.path("spec").path("nodeName").asText().isEmpty()) {
            mark(t, Stage.BOUND, now);
        }
        String phase = pod.path("status").path("phase").asText();
        if (phase.equals("Running") || phase.equals("Succeeded")) {
            mark(t, Stage.RUNNING, now);
        }
        if (phase.equals("Succeeded")) {
            mark(t, Stage.SUCCEEDED, now);
        }
    }

    private static synchronized void mark(long[] t, Stage stage, long now) {
        if (t[stage.ordinal()] == 0) {
            t[stage.ordinal()] = now;
        }
    }

    /** Pods seen so far. */
    int pods() {
        return pods.size();
    }

    /** Pods seen Succeeded so far. */
    long succeeded() {
        return pods.values().stream().filter(t -> t[Stage.SUCCEEDED.ordinal()] != 0).count();
    }

    /** Milliseconds from stage {@code from} to stage {@code to}, over pods that reached both. */
    Percentiles between(Stage from, Stage to) {
        List<Double> out = new ArrayList<>();
        for (long[] t : pods.values()) {
            if (t[from.ordinal()] != 0 && t[to.ordinal()] != 0) {
                out.add((t[to.ordinal()] - t[from.ordinal()]) / 1e6);
            }
        }
        return new Percentiles(out);
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        context.cancel(null);
    }
}
