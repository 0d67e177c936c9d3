package io.batchplane.bench;

import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.EventType;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.api.v1.WatchEvent;
import io.batchplane.api.v1.WatchRequest;
import io.batchplane.e2e.Grpc;
import io.batchplane.e2e.Objects;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Many one-pod Jobs created at once: how fast they complete. */
final class SmallJobs {

    static final String NAMESPACE = "small-jobs";
    private static final int IN_FLIGHT = 64;

    record Result(int jobs, int completed, double wallSeconds) {
        double jobsPerSecond() {
            return completed / wallSeconds;
        }
    }

    private SmallJobs() {
    }

    static Result run(Suite suite, int jobs) throws Exception {
        try (Grpc grpc = suite.connect()) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            Jobs.createNamespace(stub, NAMESPACE);
            Set<String> complete = ConcurrentHashMap.newKeySet();
            Context.CancellableContext watch = Context.current().withCancellation();
            long from = Jobs.revision(stub, "jobs");
            watch.run(() -> grpc.async().watch(WatchRequest.newBuilder().setResource("jobs").setNamespace(NAMESPACE)
                    .setResourceVersion(from).build(), new StreamObserver<>() {
                        @Override
                        public void onNext(WatchEvent event) {
                            if (event.getType() == EventType.MODIFIED
                                    && Objects.hasCondition(Objects.parse(event.getObject()), "Complete")) {
                                complete.add(event.getObject().getName());
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    }));
            try {
                long started = System.nanoTime();
                createAll(grpc.async(), jobs);
                long deadline = started + Math.max(180, jobs / 5) * 1_000_000_000L;
                while (complete.size() < jobs && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                return new Result(jobs, complete.size(), (System.nanoTime() - started) / 1e9);
            } finally {
                watch.cancel(null);
            }
        }
    }

    private static void createAll(ResourcesGrpc.ResourcesStub async, int jobs) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < jobs && failure.get() == null; i++) {
            slots.acquire();
            async.create(CreateRequest.newBuilder().setResource("jobs").setNamespace(NAMESPACE)
                    .setJson(Jobs.json(Jobs.job("small-" + i, 1, 1, "NonIndexed"))).build(), release(slots, failure));
        }
        slots.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("creating the Jobs failed", failure.get());
        }
    }

    static StreamObserver<ResourceObject> release(Semaphore slots, AtomicReference<Throwable> failure) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ResourceObject value) {
            }

            @Override
            public void onError(Throwable t) {
                failure.compareAndSet(null, t);
                slots.release();
            }

            @Override
            public void onCompleted() {
                slots.release();
            }
        };
    }
}
