package io.batchplane.kubelet;

import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.informer.WatchBackoff;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.kubelet.node.ClientNodeApi;
import io.batchplane.kubelet.node.NodeHeartbeat;
import io.batchplane.kubelet.node.NodeSpecification;
import io.batchplane.kubelet.runtime.ClientPodApi;
import io.batchplane.kubelet.runtime.PodWorker;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs the node agent: registers and heartbeats its Node ({@link NodeHeartbeat}) and runs the pods
 * bound to it ({@link PodWorker}, simulated runtime) from an informer over
 * {@code spec.nodeName=<node>} (a pod only ever enters that selection, so the filtered watch is
 * exact). Authenticates as {@code system:node:<node>}: the API server confines it to its own Node,
 * Lease and pods.
 */
@ApplicationScoped
public class KubeletService {

    private static final Logger LOG = Logger.getLogger(KubeletService.class);

    @Inject
    ResourceClient client;
    @Inject
    Clock clock;
    @Inject
    KubeletConfig config;

    private ExecutorService heartbeatThread;
    private NodeHeartbeat heartbeat;
    private SharedInformer<Pod> pods;
    private PodWorker worker;

    void onStart(@Observes StartupEvent ev) {
        NodeSpecification spec = specification(config);
        heartbeatThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat = new NodeHeartbeat(new ClientNodeApi(client), spec, clock, heartbeatThread, config.leaseRenewInterval(),
                config.statusUpdateInterval(), config.statusReportPeriod());
        pods = new SharedInformer<>(client, Pod.class, ListOptions.all().withFieldSelector("spec.nodeName=" + spec.name()),
                Duration.ZERO, clock, WatchBackoff.DEFAULT);
        worker = new PodWorker(pods.indexer(), new RateLimitingQueue<>(clock), new ClientPodApi(client), clock);
        pods.addEventHandler(worker.handler());
        heartbeat.start();
        pods.start();
        worker.start(config.podWorkers());
        LOG.infof("node agent for %s (cpu %s, memory %s, pods %d), simulated runtime", spec.name(), spec.cpu(), spec.memory(),
                spec.pods());
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (worker != null) {
            worker.stop();
            pods.stop();
            heartbeat.stop();
            heartbeatThread.shutdownNow();
        }
    }

    static NodeSpecification specification(KubeletConfig c) {
        String name = c.nodeName().filter(s -> !s.isBlank()).orElseGet(KubeletService::hostName).toLowerCase(Locale.ROOT);
        String cpu = c.cpu().orElse(Integer.toString(Runtime.getRuntime().availableProcessors()));
        String memory = c.memory().orElseGet(KubeletService::physicalMemory);
        return new NodeSpecification(name, cpu, memory, c.maxPods(), parseLabels(c.labels().orElse("")), os(), arch());
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("batchplane.kubelet.labels: expected key=value, got \"" + p + "\"");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static String physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Long.toString(os.getTotalMemorySize());
        }
        return "8Gi";
    }

    /** The GOOS-style name Kubernetes uses in {@code kubernetes.io/os}. */
    static String os() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin";
        }
        return os.contains("win") ? "windows" : "linux";
    }

    /** The GOARCH-style name Kubernetes uses in {@code kubernetes.io/arch}. */
    static String arch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }
}
