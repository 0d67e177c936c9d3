package io.batchplane.e2e.kubectl;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The suite as separate processes for a kubectl test: an API server on a fresh database with its
 * HTTPS port, then the named components in the given order (each with its extra settings), and a
 * kubectl pointed at it. Closing stops them in reverse order.
 */
final class KubectlSuite implements AutoCloseable {

    private final List<AutoCloseable> processes = new ArrayList<>();
    private final Map<String, ServiceProcess> components = new HashMap<>();
    private Kubectl kubectl;

    /** Starts it; {@code components} maps module name → extra system properties, in start order. */
    static KubectlSuite start(String name, LinkedHashMap<String, Map<String, String>> components) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        KubectlSuite suite = new KubectlSuite();
        Path dir = Files.createTempDirectory("bp-" + name);
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(TestDatabase.serverUrl()).url(),
                Kubectl.tlsProperties(dir, https));
        ApiServers.Instance api = servers.start("api-server-" + name);
        suite.processes.add(api.process());
        for (Map.Entry<String, Map<String, String>> component : components.entrySet()) {
            Map<String, String> props = new HashMap<>(component.getValue());
            props.putIfAbsent("batchplane.home", dir.toString());
            ServiceProcess process = servers.startComponent(component.getKey(), api, props);
            suite.processes.add(process);
            suite.components.put(component.getKey(), process);
        }
        suite.kubectl = Kubectl.forServer(dir, https);
        return suite;
    }

    /**
     * The suite a Job test needs: a node agent (with {@code kubelet} as its extra settings, e.g. the process
     * runtime), the scheduler and the job controller.
     */
    static KubectlSuite forJobs(String name, Map<String, String> kubelet) throws Exception {
        LinkedHashMap<String, Map<String, String>> components = new LinkedHashMap<>();
        components.put("kubelet-agent", kubelet);
        components.put("scheduler", Map.of());
        components.put("job-controller", Map.of());
        return start(name, components);
    }

    Kubectl kubectl() {
        return kubectl;
    }

    /** The HTTP port of a started component, by module name (e.g. to scrape its {@code /q/metrics}). */
    int httpPort(String module) {
        return components.get(module).httpPort();
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
