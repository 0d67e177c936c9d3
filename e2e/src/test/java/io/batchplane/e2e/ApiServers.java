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

    private final Path home;
    private final String dbUrl;
    private final Map<String, String> extra;

    public ApiServers(Path home, String dbUrl, Map<String, String> extra) throws IOException {
        this.home = home;
        this.dbUrl = dbUrl;
        this.extra = extra;
        Files.createDirectories(home);
        Files.writeString(home.resolve("tokens.csv"), ADMIN_TOKEN + ",admin,admin-uid,\"system:masters\"\n"
                + NOBODY_TOKEN + ",nobody,nobody-uid\n");
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

    /** One running API server. */
    public record Instance(String name, ServiceProcess process, int httpPort, int grpcPort) {
        public Grpc connect(String token) {
            return new Grpc(grpcPort, token);
        }
    }
}
