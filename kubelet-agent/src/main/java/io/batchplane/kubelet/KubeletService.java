package io.batchplane.kubelet;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.config.ApiServerConfig;
import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.isolation.IsolationProbe;
import io.batchplane.kubelet.node.NodeSpecification;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.batchplane.kubelet.runtime.PodRuntime;
import io.batchplane.kubelet.runtime.ProcessRuntime;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the node agent: one {@link NodeAgent} for the configured node, or, with
 * {@code batchplane.kubelet.simulated-nodes} above 1, one per simulated node over one shared gRPC
 * channel, each authenticated with its own node token when {@code node-token-file} provides one (the
 * API server then confines each to its own Node, Lease and pods, as for real nodes).
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
    @Inject
    ApiServerConfig apiServer;
    @ConfigProperty(name = "batchplane.home", defaultValue = ".batchplane")
    String home;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "10250")
    int httpPort;

    private ProcessRuntime processes;

    private final List<NodeAgent> agents = new ArrayList<>();
    private ManagedChannel fleetChannel;

    void onStart(@Observes StartupEvent ev) {
        List<NodeSpecification> specs = specifications(config, httpPort);
        PodRuntime runtime = PodRuntime.SIMULATED;
        if (config.runtime() == KubeletConfig.RuntimeKind.process) {
            processes = processRuntime(specs.get(0));
            runtime = processes;
        }
        if (specs.size() == 1) {
            agents.add(new NodeAgent(specs.get(0), client, clock, config, runtime));
        } else {
            Map<String, String> tokens = config.nodeTokenFile().map(f -> nodeTokens(Path.of(f))).orElse(Map.of());
            fleetChannel = ManagedChannelBuilder.forAddress(apiServer.host(), apiServer.grpcPort()).usePlaintext()
                    .keepAliveTime(30, TimeUnit.SECONDS).build();
            String fallback = apiServer.resolveToken();
            for (NodeSpecification spec : specs) {
                ResourceClient own = new ResourceClient(fleetChannel, tokens.getOrDefault(spec.name(), fallback));
                agents.add(new NodeAgent(spec, own, clock, config, runtime));
            }
        }
        agents.forEach(NodeAgent::start);
        NodeSpecification first = specs.get(0);
        LOG.infof("node agent for %s (cpu %s, memory %s, pods %d each), %s runtime",
                specs.size() == 1 ? first.name() : specs.size() + " nodes " + first.name() + ".." + specs.get(specs.size() - 1).name(),
                first.cpu(), first.memory(), first.pods(), config.runtime());
    }

    private ProcessRuntime processRuntime(NodeSpecification node) {
        Path dir = Path.of(home).toAbsolutePath();
        IsolationFeatures features = IsolationFeatures.NONE;
        if (config.processIsolation()) {
            features = IsolationFeatures.plan(IsolationProbe.run());
            if (features.unavailable().isEmpty()) {
                LOG.info("process runtime: pod namespaces, volumes at mountPath, memory and CPU limits available");
            } else {
                LOG.warnf("process runtime: unavailable on this machine, pods run without them: %s",
                        String.join("; ", features.unavailable()));
            }
        } else {
            LOG.warn("process runtime: isolation disabled (batchplane.kubelet.process-isolation=false): plain processes");
        }
        String storage;
        try {
            Files.createDirectories(dir);
            storage = Long.toString(Files.getFileStore(dir).getTotalSpace());
        } catch (IOException e) {
            storage = "0";
        }
        return new ProcessRuntime(new PodPaths(dir), config.processPollInterval(), features,
                new NodeAllocatable(node.cpu(), node.memory(), storage, node.internalIp()));
    }

    void onStop(@Observes ShutdownEvent ev) {
        agents.forEach(NodeAgent::stop);
        if (processes != null) {
            processes.shutdown();
        }
        if (fleetChannel != null) {
            fleetChannel.shutdownNow();
        }
    }

    /** The process runtime, when {@code batchplane.kubelet.runtime=process}. */
    public Optional<ProcessRuntime> processes() {
        return Optional.ofNullable(processes);
    }

    /** The nodes this process presents: one, or {@code simulated-nodes} numbered ones. */
    static List<NodeSpecification> specifications(KubeletConfig c) {
        return specifications(c, 10250);
    }

    /** The nodes this process presents, reached at {@code address}:{@code port}. */
    static List<NodeSpecification> specifications(KubeletConfig c, int port) {
        String base = c.nodeName().filter(s -> !s.isBlank()).orElseGet(KubeletService::hostName).toLowerCase(Locale.ROOT);
        String cpu = c.cpu().orElse(Integer.toString(Runtime.getRuntime().availableProcessors()));
        String memory = c.memory().orElseGet(KubeletService::physicalMemory);
        Map<String, String> labels = parseLabels(c.labels().orElse(""));
        int n = Math.max(1, c.simulatedNodes());
        List<NodeSpecification> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new NodeSpecification(n == 1 ? base : base + "-" + i, cpu, memory, c.maxPods(), labels, os(), arch(),
                    c.address(), port));
        }
        return out;
    }

    /** Node name → token, from a static token file's lines whose user is {@code system:node:<name>}. */
    static Map<String, String> nodeTokens(Path file) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", 3);
                if (f.length >= 2 && f[1].trim().startsWith("system:node:")) {
                    out.put(f[1].trim().substring("system:node:".length()), f[0].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batchplane.kubelet.node-token-file " + file, e);
        }
        return out;
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
        } catch (IOException e) {
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
