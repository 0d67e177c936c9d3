package io.batchplane.bench;

import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery latency of the watch path: a writer creates objects at a steady rate, each stamped with
 * the moment its create was sent; N watchers on the API server note when each arrives. The figure
 * is send-to-delivery, so it includes the write's own commit.
 */
final class WatchLatency {

    private static final String STAMP = "bench.batchplane.io/sent-nanos";
    private static final Pattern STAMP_VALUE = Pattern.compile("\"" + Pattern.quote(STAMP) + "\":\"(\\d+)\"");

    record Result(int watchers, int deliveries, double p50Millis, double p99Millis) {
    }

    private WatchLatency() {
    }

    static Result measure(ResourcesGrpc.ResourcesBlockingStub writer, ResourcesGrpc.ResourcesStub watchStub,
            long fromRevision, int watchers, int perSecond, double seconds) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Context.CancellableContext> contexts = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            Context.CancellableContext context = Context.current().withCancellation();
            contexts.add(context);
            context.run(() -> watchStub.watch(WatchRequest.newBuilder().setResource("leases")
                    .setNamespace(ApiLoad.NAMESPACE).setResourceVersion(fromRevision).build(), collector(latencies)));
        }
        int total = (int) (perSecond * seconds);
        long interval = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            String body = ApiLoad.lease("watch" + watchers + "-" + i, 0, null).replace("\"namespace\":\"" + ApiLoad.NAMESPACE + "\"",
                    "\"namespace\":\"" + ApiLoad.NAMESPACE + "\",\"annotations\":{\"" + STAMP + "\":\"" + System.nanoTime() + "\"}");
            writer.create(CreateRequest.newBuilder().setResource("leases").setNamespace(ApiLoad.NAMESPACE)
                    .setJson(ApiLoad.json(body)).build());
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (latencies.size() < (long) total * watchers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        contexts.forEach(c -> c.cancel(null));
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return new Result(watchers, sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static StreamObserver<WatchEvent> collector(List<Long> latencies) {
        return new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent event) {
                long now = System.nanoTime();
                if (event.getType() != EventType.ADDED) {
                    return;
                }
                Matcher m = STAMP_VALUE.matcher(event.getObject().getJson().toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    latencies.add(now - Long.parseLong(m.group(1)));
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
