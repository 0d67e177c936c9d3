package io.batchplane.e2e.kubectl;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Node agents beside the harness's own {@link ApiServers#NODE_NAME}, each acting under its own node
 * identity ({@code system:node:<name>} in group {@code system:nodes}), so the API server's node
 * restriction treats them as separate nodes.
 */
final class NodeAgents {

    private NodeAgents() {
    }

    static String token(String node) {
        return "e2e-" + node + "-token";
    }

    /** Adds the nodes' identities to the shared token file; call before the API server starts. */
    static void addIdentities(Path home, String... nodes) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String node : nodes) {
            lines.append(token(node)).append(",system:node:").append(node).append(',').append(node)
                    .append("-uid,\"system:nodes\"\n");
        }
        Files.writeString(home.resolve("tokens.csv"), lines, StandardOpenOption.APPEND);
    }

    /** Starts a node agent registering {@code node}, connected to {@code api}, with extra settings. */
    static ServiceProcess start(Path home, ApiServers.Instance api, String node, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> props = new HashMap<>(extra);
        props.put("batchplane.api-server.host", "127.0.0.1");
        props.put("batchplane.api-server.grpc-port", String.valueOf(api.grpcPort()));
        props.put("batchplane.api-server.token", token(node));
        props.put("batchplane.kubelet.node-name", node);
        props.putIfAbsent("batchplane.home", home.toString());
        ServiceProcess process = new ServiceProcess("kubelet-agent-" + node,
                ApiServers.root().resolve("kubelet-agent/target/quarkus-app/quarkus-run.jar"), ServiceProcess.freePort(),
                props, home.resolve("logs"));
        return process.start(Duration.ofSeconds(120));
    }
}
