package io.batchplane.bench;

import io.batchplane.api.v1.CreateRequest;
import io.batchplane.api.v1.ListRequest;
import io.batchplane.api.v1.ResourcesGrpc;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Grpc;
import io.batchplane.e2e.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store benchmark: write rates through one API server with 1 and 8 clients beside raw
 * single-row INSERTs into the same PostgreSQL in the same run, and watch delivery latency.
 * Prints a Markdown table for BENCHMARKS.md. Usage: {@code bench/store.sh [--quick] [--seconds N]}.
 */
public final class StoreBenchmark {

    private StoreBenchmark() {
    }

    /** The rows of the write table and the watch results of one run. */
    record Result(List<String[]> rows, List<WatchLatency.Result> watch, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        double seconds = quick ? 2 : 10;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Double.parseDouble(args[i + 1]);
            }
        }
        Result result = run(seconds, quick ? 2 : 15);
        print(result);
    }

    /**
     * Runs the store scenario on a fresh database and an API server of its own (stopped at the end):
     * {@code warmupSeconds} of creates and updates, then {@code seconds} per measured phase.
     */
    static Result run(double seconds, double warmupSeconds) throws Exception {
        String server = TestDatabase.serverUrl();
        TestDatabase db = TestDatabase.fresh(server);
        List<String[]> rows = new ArrayList<>();
        RawPostgres raw = new RawPostgres(db.url());
        double raw1 = raw.insertsPerSecond(1, seconds);
        double raw8 = raw.insertsPerSecond(8, seconds);
        rows.add(row("raw PostgreSQL single-row INSERT", raw1, raw8, raw1, raw8));

        Path home = Files.createTempDirectory("bp-bench");
        ApiServers servers = new ApiServers(home, db.url(), Map.of());
        ApiServers.Instance api = servers.start("api-server");
        try (Grpc grpc = api.connect(ApiServers.ADMIN_TOKEN)) {
            ResourcesGrpc.ResourcesBlockingStub stub = grpc.blocking();
            stub.create(CreateRequest.newBuilder().setResource("namespaces").setJson(ApiLoad.json(
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ApiLoad.NAMESPACE + "\"}}")).build());
            ApiLoad warmup = new ApiLoad(List.of(stub));
            // The JIT needs its time: measured phases start only after the same work has warmed it up.
            warmup.creates(8, warmupSeconds, "warm");
            warmup.updates(8, warmupSeconds / 3);
            ApiLoad load = new ApiLoad(List.of(stub));
            double c1 = load.creates(1, seconds, "one");
            double c8 = load.creates(8, seconds, "eight");
            ApiLoad updates = new ApiLoad(List.of(stub));
            updates.creates(8, seconds / 2, "upd");
            double u1 = updates.updates(1, seconds);
            double u8 = updates.updates(8, seconds);
            rows.add(row("API server create (gRPC)", c1, c8, raw1, raw8));
            rows.add(row("API server update (gRPC, CAS)", u1, u8, raw1, raw8));
            double d1 = load.deletes(1, seconds);
            double d8 = load.deletes(8, seconds);
            rows.add(row("API server delete (gRPC)", d1, d8, raw1, raw8));
            long revision = stub.list(ListRequest.newBuilder().setResource("leases").setNamespace(ApiLoad.NAMESPACE)
                    .setLimit(1).build()).getResourceVersion();
            WatchLatency.Result one = WatchLatency.measure(stub, grpc.async(), revision, 1, 200, seconds);
            revision = stub.list(ListRequest.newBuilder().setResource("leases").setNamespace(ApiLoad.NAMESPACE)
                    .setLimit(1).build()).getResourceVersion();
            WatchLatency.Result fifty = WatchLatency.measure(stub, grpc.async(), revision, 50, 200, seconds);
            return new Result(rows, List.of(one, fifty), seconds);
        } finally {
            api.process().close();
            db.drop();
        }
    }

    private static String[] row(String what, double one, double eight, double raw1, double raw8) {
        return new String[] {what, fmt(one), fmt(eight), String.format(Locale.ROOT, "%.2f", one / raw1),
            String.format(Locale.ROOT, "%.2f", eight / raw8)};
    }

    static void print(Result result) {
        System.out.println(format(result));
    }

    /** The two Markdown tables of a run. */
    static String format(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Store (%.0f s per phase)%n%n", result.seconds()));
        out.append("| operation | 1 client (ops/s) | 8 clients (ops/s) | ratio to raw, 1 | ratio to raw, 8 |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (String[] r : result.rows()) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append("\n| watch delivery (send → watcher), 200 creates/s | deliveries | p50 (ms) | p99 (ms) |\n");
        out.append("|---|---:|---:|---:|\n");
        for (WatchLatency.Result w : result.watch()) {
            out.append(String.format(Locale.ROOT, "| %d watcher(s) | %d | %.1f | %.1f |%n", w.watchers(), w.deliveries(),
                    w.p50Millis(), w.p99Millis()));
        }
        return out.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
