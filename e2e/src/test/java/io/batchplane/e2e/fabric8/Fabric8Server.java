package io.batchplane.e2e.fabric8;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.TestDatabase;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * One packaged API server on a fresh database and a fabric8 client for it. fabric8 (unlike
 * client-go) sends its bearer token over plain HTTP too, so the client talks to the HTTP port and
 * no certificate is needed. The shared client's watches are chunked HTTP watches
 * ({@code onlyHttpWatches}), the path client-go takes too; {@link #newClient(boolean)} gives
 * fabric8's default WebSocket-first client ({@code Fabric8WebSocketWatchIT}). The client is built from an empty config so that no kubeconfig or
 * environment of the machine running the tests leaks in.
 */
final class Fabric8Server implements AutoCloseable {

    private final ApiServers.Instance api;
    private final KubernetesClient client;

    private Fabric8Server(ApiServers.Instance api, KubernetesClient client) {
        this.api = api;
        this.client = client;
    }

    /** Starts the server (skips the test when no PostgreSQL is available) and connects a client as admin. */
    static Fabric8Server start(String name) throws Exception {
        String server = TestDatabase.serverUrl();
        Assumptions.assumeTrue(server != null, "no PostgreSQL server for the e2e tests");
        ApiServers servers = new ApiServers(Files.createTempDirectory("bp-" + name), TestDatabase.fresh(server).url(),
                Map.of());
        ApiServers.Instance api = servers.start("api-server-" + name);
        return new Fabric8Server(api, client(api.httpPort(), true));
    }

    /** A further admin client; {@code onlyHttpWatches=false} is fabric8's default (WebSocket first). */
    KubernetesClient newClient(boolean onlyHttpWatches) {
        return client(api.httpPort(), onlyHttpWatches);
    }

    private static KubernetesClient client(int port, boolean onlyHttpWatches) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port)
                .withOauthToken(ApiServers.ADMIN_TOKEN)
                .withNamespace("default")
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .withOnlyHttpWatches(onlyHttpWatches)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    KubernetesClient client() {
        return client;
    }

    int httpPort() {
        return api.httpPort();
    }

    @Override
    public void close() throws Exception {
        client.close();
        api.process().close();
    }
}
