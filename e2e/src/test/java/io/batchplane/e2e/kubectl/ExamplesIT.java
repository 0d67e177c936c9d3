package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Await;
import io.batchplane.e2e.Objects;
import io.batchplane.e2e.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files under {@code examples/} as shipped, applied with kubectl to the suite with the node agent's process
 * runtime (pods are real local processes), as a user would after {@code ./batchplane up}; and the Job
 * controller's Prometheus metrics scraped afterwards.
 */
class ExamplesIT {
    private static final Duration FINISH = Duration.ofSeconds(300);

    private static KubectlSuite suite;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        suite = KubectlSuite.forJobs("examples", Map.of("batchplane.kubelet.runtime", "process"));
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    private static String example(String file) {
        return ApiServers.root().resolve("examples").resolve(file).toString();
    }

    @Test
    void fixedCompletionCountRunsAtMostTwoPodsAtOnceUntilEightSucceeded() throws Exception {
        AtomicInteger maxRunningPods = new AtomicInteger();
        Set<String> running = new HashSet<>();
        Process podWatch = watch(maxRunningPods, pod -> {
            String name = pod.path("metadata").path("name").asText();
            String phase = pod.path("status").path("phase").asText();
            boolean active = !phase.equals("Succeeded") && !phase.equals("Failed")
                    && !pod.path("metadata").hasNonNull("deletionTimestamp");
            synchronized (running) {
                if (active) {
                    running.add(name);
                } else {
                    running.remove(name);
                }
                return running.size();
            }
        }, "get", "pods", "-l", "batch.kubernetes.io/job-name=fixed-completions", "-w", "-o", "json");
        Process jobWatch = null;
        AtomicInteger maxActive = new AtomicInteger();
        try {
            apply(example("fixed-completions.yaml"));
            jobWatch = watch(maxActive, job -> job.path("status").path("active").asInt(),
                    "get", "job", "fixed-completions", "-w", "-o", "json");
            waitFor("Complete", "fixed-completions");
        } finally {
            podWatch.destroy();
            if (jobWatch != null) {
                jobWatch.destroy();
            }
        }
        JsonNode job = kubectl.json("get", "job", "fixed-completions", "-o", "json");
        assertEquals(8, job.path("status").path("succeeded").asInt(), job.path("status").toString());
        assertEquals(0, job.path("status").path("failed").asInt(), job.path("status").toString());
        assertEquals(8, pods("fixed-completions").size(), "one pod per completion, none retried");
        assertTrue(maxActive.get() >= 1 && maxActive.get() <= 2, "status.active peaked at " + maxActive.get());
        assertTrue(maxRunningPods.get() >= 1 && maxRunningPods.get() <= 2, "running pods peaked at " + maxRunningPods.get());
        String log = kubectl.run("logs", pods("fixed-completions").get(0).path("metadata").path("name").asText()).out();
        assertTrue(log.contains(" started") && log.contains(" done"), log);

        awaitSample(1, "job_controller_jobs_finished_total", "completion_mode=\"NonIndexed\"", "reason=\"CompletionsReached\"",
                "result=\"succeeded\"");
        awaitSample(8, "job_controller_job_pods_creation_total", "reason=\"new\"", "status=\"succeeded\"");
        awaitSample(8, "job_controller_job_pods_finished_total", "completion_mode=\"NonIndexed\"", "result=\"succeeded\"");
        awaitSample(1, "job_controller_job_syncs_total", "action=\"pods_created\"", "result=\"success\"");
        awaitSample(1, "job_controller_job_sync_duration_seconds_count", "action=\"pods_created\"");
        awaitSample(8, "job_controller_terminated_pods_tracking_finalizer_total", "event=\"delete\"");
        assertTrue(scrapeJobController().contains("job_controller_job_sync_duration_seconds_bucket{"), "a histogram with buckets");
    }

    @Test
    void indexedJobsInitContainerHandsEachIndexItsOwnWorkItemThroughTheMountedVolume() throws Exception {
        apply(example("indexed-work-items.yaml"));
        JsonNode job = Await.until(FINISH, () -> {
            JsonNode j = kubectl.json("get", "job", "indexed-work-items", "-o", "json");
            boolean complete = "True".equals(Objects.condition(j, "Complete").path("status").asText());
            return complete || j.path("status").path("failed").asInt() > 0 ? j : null;
        });
        if (job.path("status").path("failed").asInt() > 0) {
            String failedPod = pods("indexed-work-items").stream()
                    .filter(p -> "Failed".equals(p.path("status").path("phase").asText()))
                    .map(p -> p.path("metadata").path("name").asText()).findFirst().orElse("");
            throw new AssertionError("a pod of the Indexed example failed; its init container said: "
                    + kubectl.run("logs", failedPod, "-c", "pick-item").both());
        }
        assertEquals("0-9", job.path("status").path("completedIndexes").asText(), job.path("status").toString());
        List<String> items = List.of("apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew", "kiwi", "lemon");
        Set<Integer> seen = new HashSet<>();
        for (JsonNode pod : pods("indexed-work-items")) {
            if (!"Succeeded".equals(pod.path("status").path("phase").asText())) {
                continue;
            }
            String name = pod.path("metadata").path("name").asText();
            int index = pod.path("metadata").path("annotations").path("batch.kubernetes.io/job-completion-index").asInt();
            String log = kubectl.run("logs", name, "-c", "worker").out().trim();
            assertEquals("index " + index + " processed item " + items.get(index), log, name);
            seen.add(index);
        }
        assertEquals(10, seen.size(), "a succeeded pod for every index: " + seen);
    }

    @Test
    void redisWorkQueueIsDrainedByThreeWorkersEachItemOnce() throws Exception {
        Assumptions.assumeTrue(onPath("redis-server") && onPath("redis-cli"), "no redis-server / redis-cli on the PATH");
        int port = ServiceProcess.freePort();
        Path dir = Files.createTempDirectory("bp-redis");
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        try {
            Await.until(Duration.ofSeconds(30), () -> "PONG".equals(redisCli(port, "ping")) ? true : null);
            ProcessBuilder script = new ProcessBuilder("sh", ApiServers.root().resolve("examples/redis-work-queue/run.sh").toString())
                    .redirectErrorStream(true);
            script.environment().put("REDIS_PORT", String.valueOf(port));
            script.environment().put("KUBECONFIG", kubectl.kubeconfig().toString());
            script.environment().put("HOME", dir.toString());
            Process run = script.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), output);
            assertEquals(0, run.exitValue(), output);
            assertTrue(output.contains("queued 12 items"), output);

            waitFor("Complete", "redis-work-queue");
            assertEquals("0", redisCli(port, "LLEN", "job-queue"), "the queue is drained");
            List<String> done = new ArrayList<>(List.of(redisCli(port, "LRANGE", "job-queue:done", "0", "-1").split("\n")));
            done.sort(String::compareTo);
            assertEquals(List.of("apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew", "kiwi", "lemon",
                    "mango", "nectarine"), done, "each item processed exactly once");
            JsonNode job = kubectl.json("get", "job", "redis-work-queue", "-o", "json");
            assertEquals(0, job.path("status").path("failed").asInt(), job.path("status").toString());
            List<JsonNode> workers = pods("redis-work-queue");
            assertTrue(workers.size() >= 1 && workers.size() <= 3, "at most parallelism workers: " + workers.size());
            assertEquals(workers.size(), job.path("status").path("succeeded").asInt(), "each worker ended when the queue was empty");
            for (JsonNode pod : workers) {
                String log = kubectl.run("logs", pod.path("metadata").path("name").asText()).out();
                assertTrue(log.contains("queue empty, done"), log);
            }
        } finally {
            redis.destroy();
            redis.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitCode42FailsTheJobAtOnceThroughItsPodFailurePolicy() throws Exception {
        apply(example("pod-failure-policy.yaml"));
        waitFor("Failed", "pod-failure-policy");
        JsonNode job = kubectl.json("get", "job", "pod-failure-policy", "-o", "json");
        JsonNode failed = Objects.condition(job, "Failed");
        assertEquals("PodFailurePolicy", failed.path("reason").asText(), job.path("status").toString());
        assertTrue(failed.path("message").asText().contains("exit code 42"), failed.toString());
        assertEquals(1, pods("pod-failure-policy").size(), "no retry although backoffLimit is 6");
        assertEquals(1, job.path("status").path("failed").asInt());

        awaitSample(1, "job_controller_jobs_finished_total", "reason=\"PodFailurePolicy\"", "result=\"failed\"");
        awaitSample(1, "job_controller_pod_failures_handled_by_failure_policy_total", "action=\"FailJob\"");
    }

    private static void apply(String file) {
        Kubectl.Result r = kubectl.run("apply", "-f", file);
        assertEquals(0, r.exit(), r.both());
    }

    /** Polls until the Job has condition {@code type} True; fails (describing the Job) after {@link #FINISH}. */
    private static void waitFor(String type, String job) throws InterruptedException {
        try {
            Await.until(FINISH, () -> "True".equals(Objects.condition(kubectl.json("get", "job", job, "-o", "json"), type)
                    .path("status").asText()) ? true : null);
        } catch (AssertionError e) {
            throw new AssertionError("Job " + job + " not " + type + ":\n" + kubectl.run("describe", "job", job).out(), e);
        }
    }

    private static List<JsonNode> pods(String job) {
        List<JsonNode> pods = new ArrayList<>();
        kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=" + job, "-o", "json").path("items").forEach(pods::add);
        return pods;
    }

    /** Starts {@code kubectl ... -w -o json} and keeps in {@code max} the largest value {@code measure} gives an event. */
    private static Process watch(AtomicInteger max, ToIntFunction<JsonNode> measure, String... args) throws IOException {
        Process p = kubectl.start(args);
        Thread reader = new Thread(() -> {
            try (MappingIterator<JsonNode> events = Objects.JSON.readerFor(JsonNode.class).readValues(p.getInputStream())) {
                while (events.hasNext()) {
                    int value = measure.applyAsInt(events.next());
                    max.accumulateAndGet(value, Math::max);
                }
            } catch (IOException | RuntimeException ended) {
                // the watch was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static String scrapeJobController() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + suite.httpPort("job-controller") + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /**
     * Waits until the Job controller's metrics show at least {@code min} for {@code name} with those labels: the
     * controller records a plan's outcome after its last write, so a client can see the Job finished a moment earlier.
     */
    private static void awaitSample(double min, String name, String... labels) throws InterruptedException {
        String[] last = {""};
        try {
            Await.until(Duration.ofSeconds(60), () -> {
                try {
                    last[0] = scrapeJobController();
                } catch (IOException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                return sample(last[0], name, labels) >= min ? true : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(name + " " + List.of(labels) + " below " + min + " in:\n" + last[0], e);
        }
    }

    /** The sum of the samples of {@code name} whose labels include all {@code labels} (Prometheus text format). */
    static double sample(String metrics, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String have = m.group(1);
            if (List.of(labels).stream().allMatch(have::contains)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    private static String redisCli(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port), "--raw"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
