package io.batchplane.bench;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.Grpc;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as separate processes on a fresh database: an API server, the job controller, the
 * scheduler and one node agent simulating {@code nodes} nodes, each node under its own token
 * ({@code system:node:e2e-node-<i>}), as {@code ./batchplane up} runs them.
 */
final class Suite implements AutoCloseable {

    static final String NODE_TOKEN_PREFIX = "bench-node-token-";

    private final Path home;
    private final TestDatabase database;
    private final ApiServers.Instance api;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    Suite(int nodes) throws Exception {
        home = Files.createTempDirectory("bp-bench-suite");
        database = TestDatabase.fresh(TestDatabase.serverUrl());
        ApiServers servers = new ApiServers(home, database.url(), Map.of());
        StringBuilder nodeTokens = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            nodeTokens.append(NODE_TOKEN_PREFIX).append(i).append(",system:node:").append(ApiServers.NODE_NAME)
                    .append('-').append(i).append(",node-").append(i).append("-uid,\"system:nodes\"\n");
        }
        Path tokens = home.resolve("tokens.csv");
        Files.writeString(tokens, Files.readString(tokens) + nodeTokens);
        api = servers.start("api-server");
        services.put("api-server", api.process());
        services.put("job-controller", servers.startComponent("job-controller", api, Map.of()));
        services.put("scheduler", servers.startComponent("scheduler", api, Map.of()));
        services.put("kubelet-agent", servers.startComponent("kubelet-agent", api, Map.of(
                "batchplane.kubelet.runtime", "simulated",
                "batchplane.kubelet.simulated-nodes", String.valueOf(nodes),
                "batchplane.kubelet.node-token-file", tokens.toString())));
    }

    Grpc connect() {
        return api.connect(ApiServers.ADMIN_TOKEN);
    }

    int grpcPort() {
        return api.grpcPort();
    }

    /** The running services by name, in start order. */
    Map<String, ServiceProcess> services() {
        return services;
    }

    /** Stops every service but the API server (the fan-out scenario stores pods nobody should schedule). */
    void stopComponents() throws InterruptedException {
        for (var e : services.entrySet()) {
            if (!e.getKey().equals("api-server")) {
                e.getValue().close();
            }
        }
    }

    /** Sum of all samples of {@code metric} on the API server's {@code /q/metrics}. */
    double apiMetric(String metric) throws IOException, InterruptedException {
        return apiSamples(metric).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Each sample of {@code metric} on the API server's {@code /q/metrics}, keyed by its labels text. */
    Map<String, Double> apiSamples(String metric) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.httpPort() + "/q/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusText.samples(body, metric);
    }

    /** Starts a JFR recording in every service (with {@code jcmd}); {@link #dumpProfiles} writes them. */
    void startProfiles() throws IOException, InterruptedException {
        for (var e : services.entrySet()) {
            if (alive(e.getValue())) {
                jcmd(e.getValue().pid(), "JFR.start", "name=bench", "settings=profile");
            }
        }
    }

    /** Stops the recordings, writing {@code <dir>/<service>.jfr}; returns the files. */
    List<Path> dumpProfiles(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (var e : services.entrySet()) {
            if (!alive(e.getValue())) {
                continue;
            }
            Path file = dir.resolve(e.getKey() + ".jfr").toAbsolutePath();
            jcmd(e.getValue().pid(), "JFR.stop", "name=bench", "filename=" + file);
            out.add(file);
        }
        return out;
    }

    private static boolean alive(ServiceProcess p) {
        return ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
    }

    Path logs() {
        return home.resolve("logs");
    }

    @Override
    public void close() throws InterruptedException {
        List<ServiceProcess> reverse = new ArrayList<>(services.values());
        java.util.Collections.reverse(reverse);
        for (ServiceProcess p : reverse) {
            p.close();
        }
        database.drop();
    }
}
