package io.batchplane.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts API-server processes on one database, with a token file every test shares. */
public final class ApiServers {

    public static final String ADMIN_TOKEN = "e2e-admin-token";
    public static final String NOBODY_TOKEN = "e2e-nobody-token";
    /** Each component's token, keyed by its module name. */
    public static final Map<String, String> COMPONENT_TOKENS = Map.of(
            "job-controller", "e2e-job-controller-token",
            "ttl-controller", "e2e-ttl-controller-token",
            "cronjob-controller", "e2e-cronjob-controller-token",
            "scheduler", "e2e-scheduler-token",
            "kubelet-agent", "e2e-node-token");
    /** The node the e2e node agent registers. */
    public static final String NODE_NAME = "e2e-node";
    private static final Map<String, String> COMPONENT_USERS = Map.of(
            "job-controller", "system:job-controller",
            "ttl-controller", "system:ttl-controller",
            "cronjob-controller", "system:cronjob-controller",
            "scheduler", "system:kube-scheduler",
            "kubelet-agent", "system:node:" + NODE_NAME);

    private final Path home;
    private final String dbUrl;
    private final Map<String, String> extra;

    public ApiServers(Path home, String dbUrl, Map<String, String> extra) throws IOException {
        this.home = home;
        this.dbUrl = dbUrl;
        this.extra = extra;
        Files.createDirectories(home);
        StringBuilder tokens = new StringBuilder(ADMIN_TOKEN + ",admin,admin-uid,\"system:masters\"\n"
                + NOBODY_TOKEN + ",nobody,nobody-uid\n");
        COMPONENT_TOKENS.forEach((module, token) -> tokens.append(token).append(',')
                .append(COMPONENT_USERS.get(module)).append(',').append(module).append("-uid")
                .append(module.equals("kubelet-agent") ? ",\"system:nodes\"\n" : "\n"));
        Files.writeString(home.resolve("tokens.csv"), tokens);
    }

    public static Path root() {
        return Path.of(System.getProperty("batchplane.root", ".."));
    }

    /** A started API server with its own HTTP and gRPC ports. */
    public Instance start(String name) throws IOException, InterruptedException {
        return start(name, ServiceProcess.freePort(), ServiceProcess.freePort());
    }

    /** Starts (or restarts, after a kill) an API server on the given ports. */
    public Instance start(String name, int http, int grpc) throws IOException, InterruptedException {
        Map<String, String> props = new HashMap<>(extra);
        props.put("quarkus.grpc.server.port", String.valueOf(grpc));
        props.put("batchplane.home", home.toString());
        props.put("batchplane.auth.token-file", home.resolve("tokens.csv").toString());
        if (dbUrl != null) {
            props.put("batchplane.db.url", dbUrl);
        }
        ServiceProcess process = new ServiceProcess(name,
                root().resolve("api-server/target/quarkus-app/quarkus-run.jar"), http, props, home.resolve("logs"));
        process.start(Duration.ofSeconds(120));
        return new Instance(name, process, http, grpc);
    }

    /** Starts a component (a controller or the scheduler) connected to {@code api} with its own token. */
    public ServiceProcess startComponent(String module, Instance api, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> props = new HashMap<>(extra);
        props.put("batchplane.api-server.host", "127.0.0.1");
        props.put("batchplane.api-server.grpc-port", String.valueOf(api.grpcPort()));
        props.put("batchplane.api-server.token", COMPONENT_TOKENS.get(module));
        if (module.equals("kubelet-agent")) {
            props.put("batchplane.kubelet.node-name", NODE_NAME);
        }
        ServiceProcess process = new ServiceProcess(module,
                root().resolve(module + "/target/quarkus-app/quarkus-run.jar"), ServiceProcess.freePort(), props,
                home.resolve("logs"));
        return process.start(Duration.ofSeconds(120));
    }

    /** One running API server. */
    public record Instance(String name, ServiceProcess process, int httpPort, int grpcPort) {
        public Grpc connect(String token) {
            return new Grpc(grpcPort, token);
        }
    }
}
