package io.batchplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ListResponse;
import io.batchplane.api.v1.ResourceObject;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.e2e.Grpc;
import io.batchplane.e2e.Objects;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One large Indexed Job on the simulated nodes, from create to {@code Complete}: wall time, pods/s,
 * the pods' lifecycle latencies, API writes per pod and each service's CPU and peak memory.
 */
final class WholeJob {

    static final String NAMESPACE = "whole-job";
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

    static Result run(Suite suite, int completions, int parallelism) throws Exception {
        try (Grpc grpc = suite.connect()) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            Jobs.createNamespace(stub, NAMESPACE);
            Map<String, Double> cpuBefore = cpu(suite);
            Map<String, Double> writesBefore = suite.apiSamples(WRITES);
            long from = Jobs.revision(stub, "pods");
            JsonNode job;
            long started;
            try (PodTimeline timeline = new PodTimeline(grpc.async(), NAMESPACE, from)) {
                started = System.nanoTime();
                Jobs.create(stub, NAMESPACE, Jobs.job("big", completions, parallelism, "Indexed"));
                long deadline = started + Math.max(180, completions / 10) * 1_000_000_000L;
                job = Jobs.get(stub, NAMESPACE, "big");
                while (!Objects.hasCondition(job, "Complete") && !Objects.hasCondition(job, "Failed")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    job = Jobs.get(stub, NAMESPACE, "big");
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
                long atComplete = podsWithFinalizer(stub);
                long remaining = atComplete;
                long drain = System.nanoTime() + 30_000_000_000L;
                while (remaining > 0 && System.nanoTime() < drain) {
                    Thread.sleep(1000);
                    remaining = podsWithFinalizer(stub);
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

    private static Map<String, Double> cpu(Suite suite) {
        Map<String, Double> out = new LinkedHashMap<>();
        suite.services().forEach((name, p) -> out.put(name, ProcStats.cpuSeconds(p.pid())));
        return out;
    }

    /** Pods of the Job still holding the batch.kubernetes.io/job-tracking finalizer. */
    private static long podsWithFinalizer(ResourcesGrpc.ResourcesBlockingStub stub) {
        long count = 0;
        String next = "";
        do {
            ListResponse page = stub.list(ListRequest.newBuilder().setResource("pods").setNamespace(NAMESPACE)
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

