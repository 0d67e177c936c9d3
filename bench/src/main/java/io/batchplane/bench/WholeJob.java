package io.batchplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.v1.DeleteRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ObjectKey;
import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.e2e.Grpc;
import io.batchplane.e2e.Objects;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One large Indexed Job on the simulated nodes, from create to {@code Complete}: wall time, pods/s,
 * the pods' lifecycle latencies, API writes per pod and each service's CPU and peak memory. The
 * benchmark runs it twice on the same suite: first on freshly started JVMs (cold: the JIT compilers
 * are still busy), then, after the first Job and its pods are deleted, on warm ones — the state a
 * long-running cluster is in.
 */
final class WholeJob {

    static final String COLD = "whole-job-cold";
    static final String WARM = "whole-job-warm";
    private static final String NAME = "big";
    static final String WRITES = "batchplane_store_writes_total";

    /** What one run measured; {@code cpuPer1000Pods} and {@code peakRssMiB} are per service. */
    record Result(int completions, int parallelism, double wallSeconds, int succeeded, String completedIndexes,
            int podsSeen, long podsWithFinalizer, long podsWithFinalizerAtComplete, Percentiles createdToBound,
            Percentiles boundToRunning,
            Percentiles runningToSucceeded, Percentiles createdToSucceeded, double writesPerPod,
            Map<String, Double> writesPerPodByResource,
            Map<String, Double> cpuPer1000Pods, Map<String, Double> peakRssMiB, boolean complete) {

        double podsPerSecond() {
            return succeeded / wallSeconds;
        }
    }

    private WholeJob() {
    }

    static Result run(Suite suite, String namespace, int completions, int parallelism) throws Exception {
        try (Grpc grpc = suite.connect()) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            Jobs.createNamespace(stub, namespace);
            Map<String, Double> cpuBefore = cpu(suite);
            Map<String, Double> writesBefore = suite.apiSamples(WRITES);
            long from = Jobs.revision(stub, "pods");
            JsonNode job;
            long started;
            try (PodTimeline timeline = new PodTimeline(grpc.async(), namespace, from)) {
                started = System.nanoTime();
                Jobs.create(stub, namespace, Jobs.job(NAME, completions, parallelism, "Indexed"));
                long deadline = started + Math.max(180, completions / 10) * 1_000_000_000L;
                job = Jobs.get(stub, namespace, NAME);
                while (!Objects.hasCondition(job, "Complete") && !Objects.hasCondition(job, "Failed")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    job = Jobs.get(stub, namespace, NAME);
                }
                double wall = (System.nanoTime() - started) / 1e9;
                Map<String, Double> byResource = new java.util.TreeMap<>();
                suite.apiSamples(WRITES).forEach((labels, v) -> byResource.merge(PrometheusText.label(labels, "resource"),
                        v - writesBefore.getOrDefault(labels, 0.0), Double::sum));
                double writes = byResource.values().stream().mapToDouble(Double::doubleValue).sum();
                Map<String, Double> cpuPer1000 = new LinkedHashMap<>();
                Map<String, Double> rss = new LinkedHashMap<>();
                Map<String, Double> cpuAfter = cpu(suite);
                int succeeded = job.path("status").path("succeeded").asInt();
                byResource.replaceAll((r, v) -> v / Math.max(1, succeeded));
                cpuAfter.forEach((name, after) -> cpuPer1000.put(name,
                        (after - cpuBefore.get(name)) * 1000.0 / Math.max(1, succeeded)));
                suite.services().forEach((name, p) -> rss.put(name, ProcStats.peakRssMiB(p.pid())));
                // the watch may trail the Job's status by a moment
                long settle = System.nanoTime() + 10_000_000_000L;
                while (timeline.succeeded() < succeeded && System.nanoTime() < settle) {
                    Thread.sleep(50);
                }
                // Complete should mean every tracking finalizer is gone; note any still there, then
                // give in-flight removals a moment before the final count
                long atComplete = podsWithFinalizer(stub, namespace);
                long remaining = atComplete;
                long drain = System.nanoTime() + 30_000_000_000L;
                while (remaining > 0 && System.nanoTime() < drain) {
                    Thread.sleep(1000);
                    remaining = podsWithFinalizer(stub, namespace);
                }
                return new Result(completions, parallelism, wall, succeeded,
                        job.path("status").path("completedIndexes").asText(), timeline.pods(),
                        remaining, atComplete, timeline.between(PodTimeline.Stage.CREATED, PodTimeline.Stage.BOUND),
                        timeline.between(PodTimeline.Stage.BOUND, PodTimeline.Stage.RUNNING),
                        timeline.between(PodTimeline.Stage.RUNNING, PodTimeline.Stage.SUCCEEDED),
                        timeline.between(PodTimeline.Stage.CREATED, PodTimeline.Stage.SUCCEEDED),
                        writes / Math.max(1, succeeded), byResource, cpuPer1000, rss, Objects.hasCondition(job, "Complete"));
            }
        }
    }

    /** Deletes the Job of {@code namespace} with its pods and waits until the last pod is gone. */
    static void delete(Suite suite, String namespace) throws InterruptedException {
        try (Grpc grpc = suite.connect()) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            stub.delete(DeleteRequest.newBuilder().setKey(ObjectKey.newBuilder().setResource("jobs")
                    .setNamespace(namespace).setName(NAME)).setPropagationPolicy(PropagationPolicy.BACKGROUND).build());
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (stub.list(ListRequest.newBuilder().setResource("pods").setNamespace(namespace).setLimit(1).build())
                    .getItemsCount() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the pods of " + namespace + " were not deleted within 5 minutes");
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<String, Double> cpu(Suite suite) {
        Map<String, Double> out = new LinkedHashMap<>();
        suite.services().forEach((name, p) -> out.put(name, ProcStats.cpuSeconds(p.pid())));
        return out;
    }

    /** Pods of the Job still holding the batch.kubernetes.io/job-tracking finalizer. */
    private static long podsWithFinalizer(ResourcesGrpc.ResourcesBlockingStub stub, String namespace) {
        long count = 0;
        String next = "";
        do {
            ListResponse page = stub.list(ListRequest.newBuilder().setResource("pods").setNamespace(namespace)
                    .setLimit(1000).setContinue(next).build());
            for (ResourceObject o : page.getItemsList()) {
                if (Objects.parse(o).path("metadata").path("finalizers").size() > 0) {
                    count++;
                }
            }
            next = page.getContinue();
        } while (!next.isEmpty());
        return count;
    }
}

