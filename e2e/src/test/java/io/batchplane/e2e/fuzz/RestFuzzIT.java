package io.batchplane.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.TestDatabase;
import io.batchplane.e2e.fuzz.FuzzRequests.FuzzRequest;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the REST API of a packaged API server with generated bad requests
 * ({@link FuzzRequests}, {@link BadBodies}), seeded so that a failure reproduces
 * ({@code -Dfuzz.seed=…}, {@code -Dfuzz.seconds=…}). Requests go in batches; after each batch the
 * object count of every kind and the store revision are compared with the last snapshot. Asserted:
 * no 5xx, every answer (body included) within 10 s, every non-2xx answer is a {@code Status} JSON
 * with the HTTP code in {@code code}, and a batch without a successful write stores nothing.
 */
class RestFuzzIT {

    private static final int BATCH = 40;
    private static final int MAX_REQUESTS = 4000;
    private static final Duration PER_REQUEST = Duration.ofSeconds(10);
    private static final String FINDING_SEPARATOR = " ← ";

    @Test
    void badRequestsNeverBreakTheServer() throws Exception {
        String server = TestDatabase.serverUrl();
        Assumptions.assumeTrue(server != null, "no PostgreSQL server for the e2e tests");
        long seed = Long.getLong("fuzz.seed", 20261126L);
        long seconds = Long.getLong("fuzz.seconds", 60L);
        ApiServers servers = new ApiServers(Files.createTempDirectory("bp-fuzz"), TestDatabase.fresh(server).url(),
                Map.of());
        ApiServers.Instance api = servers.start("api-server-fuzz");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        FuzzTarget target = new FuzzTarget(http, "http://127.0.0.1:" + api.httpPort());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> findings = new ArrayList<>();
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        int sent = 0;
        int skipped = 0;
        try {
            target.ensureFixtures();
            Map<String, Long> before = target.snapshot();
            Random random = new Random(seed);
            FuzzRequests generator = new FuzzRequests(random);
            List<FuzzRequest> queue = new ArrayList<>(FuzzRequests.wrongTypeSweep(ApiServers.ADMIN_TOKEN));
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (sent < MAX_REQUESTS && System.nanoTime() < deadline) {
                List<FuzzRequest> batch = new ArrayList<>();
                while (batch.size() < BATCH) {
                    batch.add(queue.isEmpty() ? generator.next(token(random)) : queue.remove(0));
                }
                ConcurrentLinkedQueue<String> batchFindings = new ConcurrentLinkedQueue<>();
                AtomicBoolean wrote = new AtomicBoolean();
                AtomicInteger refused = new AtomicInteger();
                List<Future<?>> running = new ArrayList<>();
                for (FuzzRequest r : batch) {
                    running.add(pool.submit(() -> {
                        FuzzTarget.Outcome o = target.send(r, PER_REQUEST);
                        if (o != null && o.code() == -2) {
                            // a pooled connection the server closed after an earlier 413/414: resend once
                            o = target.send(r, PER_REQUEST);
                        }
                        if (o == null) {
                            refused.incrementAndGet();
                            return;
                        }
                        codes.computeIfAbsent(o.code(), c -> new AtomicInteger()).incrementAndGet();
                        if (o.code() >= 200 && o.code() < 300 && r.mutating()) {
                            wrote.set(true);
                        }
                        String problem = o.problem(r);
                        if (problem != null) {
                            batchFindings.add(problem + FINDING_SEPARATOR + r.describe());
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                sent += batch.size() - refused.get();
                skipped += refused.get();
                findings.addAll(batchFindings);
                Map<String, Long> after = wrote.get() ? target.settledSnapshot() : target.snapshot();
                boolean settling = before.get(FuzzTarget.TERMINATING) > 0 || after.get(FuzzTarget.TERMINATING) > 0;
                if (!wrote.get() && !settling && !after.equals(before)) {
                    findings.add("a batch without a successful write changed the store: " + before + " → " + after
                            + FINDING_SEPARATOR + batch.stream().map(FuzzRequest::describe).toList());
                }
                if (wrote.get()) {
                    target.ensureFixtures();
                    after = target.settledSnapshot();
                }
                before = after;
            }
        } finally {
            pool.shutdownNow();
            api.process().close();
        }
        System.out.printf("RestFuzzIT seed=%d: %d requests sent, %d refused by the client, codes %s, %d findings%n",
                seed, sent, skipped, new TreeMap<>(codes), findings.size());
        Map<String, List<String>> kinds = new TreeMap<>();
        for (String f : findings) {
            String problem = f.contains(FINDING_SEPARATOR) ? f.substring(0, f.indexOf(FINDING_SEPARATOR)) : f;
            kinds.computeIfAbsent(problem.length() > 160 ? problem.substring(0, 160) : problem, k -> new ArrayList<>())
                    .add(f);
        }
        kinds.forEach((kind, all) -> all.stream().limit(3)
                .forEach(f -> System.out.println("FINDING x" + all.size() + " " + f)));
        assertTrue(sent >= 1000, "only " + sent + " requests in the time budget");
        assertTrue(findings.isEmpty(), findings.size() + " findings (seed " + seed + "), first: "
                + String.join("\n", findings.subList(0, Math.min(10, findings.size()))));
    }

    /** Mostly the admin token; sometimes none, a made-up one, or a user without rights. */
    private static String token(Random random) {
        int dice = random.nextInt(100);
        return dice < 3 ? null : dice < 5 ? "not-a-token" : dice < 7 ? ApiServers.NOBODY_TOKEN : ApiServers.ADMIN_TOKEN;
    }
}
