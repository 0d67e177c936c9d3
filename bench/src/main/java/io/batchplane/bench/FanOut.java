package io.batchplane.bench;

import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.informer.WatchBackoff;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Grpc;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many stored pods: how fast they are written (parallel gRPC creates), how long a full list takes
 * (pages of 500, as informers list) and one page, how long a client {@link SharedInformer} takes to
 * sync, and the API server's memory with them all. Runs with the controllers, scheduler and node
 * agent stopped, so the pods are only stored.
 */
final class FanOut {

    static final String NAMESPACE = "fan-out";
    private static final int IN_FLIGHT = 128;
    private static final int PAGE = 500;

    record Result(int pods, double writesPerSecond, double fullListSeconds, int listed, Percentiles pageMillis,
            double informerSyncSeconds, int informerPods, double apiRssMiB, double apiPeakRssMiB) {
    }

    private FanOut() {
    }

    /** Runs the scenario; with {@code profile} set, JFR records the API server into that folder. */
    static Result run(Suite suite, int pods, Path profile) throws Exception {
        suite.stopComponents();
        if (profile != null) {
            suite.startProfiles();
        }
        try (Grpc grpc = suite.connect()) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            Jobs.createNamespace(stub, NAMESPACE);
            long started = System.nanoTime();
            createAll(grpc.async(), pods);
            double writeRate = pods / ((System.nanoTime() - started) / 1e9);

            long listStart = System.nanoTime();
            int listed = 0;
            String next = "";
            do {
                ListResponse page = stub.list(ListRequest.newBuilder().setResource("pods").setNamespace(NAMESPACE)
                        .setLimit(PAGE).setContinue(next).build());
                listed += page.getItemsCount();
                next = page.getContinue();
            } while (!next.isEmpty());
            double fullList = (System.nanoTime() - listStart) / 1e9;

            List<Double> pageMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                stub.list(ListRequest.newBuilder().setResource("pods").setNamespace(NAMESPACE).setLimit(PAGE).build());
                pageMillis.add((System.nanoTime() - t) / 1e6);
            }

            double sync;
            int cached;
            try (ResourceClient client = ResourceClient.connect("127.0.0.1", suite.grpcPort(), ApiServers.ADMIN_TOKEN);
                    SharedInformer<Pod> informer = new SharedInformer<>(client, Pod.class,
                            ListOptions.inNamespace(NAMESPACE), Duration.ZERO, Clock.system(), WatchBackoff.DEFAULT)) {
                long t = System.nanoTime();
                informer.start();
                if (!informer.awaitSynced(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("the informer did not sync in 5 minutes");
                }
                sync = (System.nanoTime() - t) / 1e9;
                cached = informer.indexer().list().size();
            }
            long api = suite.services().get("api-server").pid();
            if (profile != null) {
                Bench.log("JFR recordings: " + suite.dumpProfiles(profile));
            }
            return new Result(pods, writeRate, fullList, listed, new Percentiles(pageMillis), sync, cached,
                    ProcStats.rssMiB(api), ProcStats.peakRssMiB(api));
        }
    }

    private static void createAll(ResourcesGrpc.ResourcesStub async, int pods) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < pods && failure.get() == null; i++) {
            slots.acquire();
            async.create(CreateRequest.newBuilder().setResource("pods").setNamespace(NAMESPACE)
                    .setJson(Jobs.json(pod("stored-" + i))).build(), SmallJobs.release(slots, failure));
        }
        slots.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("creating the pods failed", failure.get());
        }
    }

    private static String pod(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"fan-out\"}},"
                + "\"spec\":{\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"work\",\"image\":\"busybox\","
                + "\"command\":[\"true\"]}]}}";
    }
}
