package io.batchplane.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One batchplane service started the way the launcher starts it: its packaged Quarkus jar in a JVM
 * of its own, output to a log file, ready when {@code /q/health/ready} says so. Tests kill it with
 * SIGKILL to play a crash, or stop it with SIGTERM. Extra JVM options come from the environment
 * variable {@code BATCHPLANE_JAVA_OPTS}, as for the launcher (the benchmark uses it to compare JVM
 * settings).
 */
public final class ServiceProcess implements AutoCloseable {

    /** System property: the directory of the services' AOT caches (see {@link #aotCacheOption}). */
    public static final String AOT_CACHE_DIR = "batchplane.aot-cache-dir";
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private Process process;

    public ServiceProcess(String name, Path jar, int httpPort, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        String javaOpts = System.getenv("BATCHPLANE_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        aotCacheOption(jar).ifPresent(cmd::add);
        cmd.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        this.command = List.copyOf(cmd);
    }

    /**
     * With the system property {@value #AOT_CACHE_DIR} set (JDK 25 or newer), each service module gets
     * an ahead-of-time cache there, {@code <module>.aot} (JEP 483/514/515: classes loaded and linked,
     * method profiles): a run without the file writes it when the service exits, later runs start
     * from it. Without the property, none.
     */
    private static Optional<String> aotCacheOption(Path jar) {
        String dir = System.getProperty(AOT_CACHE_DIR);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        String module = jar.toAbsolutePath().getParent().getParent().getParent().getFileName().toString();
        Path cache = Path.of(dir, module + ".aot");
        return Optional.of((Files.exists(cache) ? "-XX:AOTCache=" : "-XX:AOTCacheOutput=") + cache);
    }

    /** Starts the process and waits until it reports ready. */
    public ServiceProcess start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException(name + " not ready after " + timeout + "; log:\n" + tail());
    }

    /** The operating-system process id (for CPU and memory readings from {@code /proc}). */
    public long pid() {
        return process.pid();
    }

    /** The HTTP port (health, metrics). */
    public int httpPort() {
        return httpPort;
    }

    /** Whether the process is still running (a service exits by itself when it loses its Lease). */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * A TCP port nobody listens on right now and that this JVM has not handed out before: the kernel may
     * offer a just-closed port again, and two ports picked for one process (HTTP and gRPC) must differ.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
