package io.batchplane.e2e.kubectl;

import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl}, pointed at one API server. kubectl sends a bearer token only over TLS
 * (client-go drops credentials for plain-HTTP servers), so the API server is started with an
 * HTTPS port as well, on a self-signed certificate made here with {@code keytool}, and the
 * kubeconfig skips verification of it. Each call runs with its own HOME so that discovery caches
 * never leak between test runs.
 */
final class Kubectl {

    /** What a kubectl run printed and how it exited. */
    record Result(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private final Path home;
    private final Path kubeconfig;

    private Kubectl(Path home, Path kubeconfig) {
        this.home = home;
        this.kubeconfig = kubeconfig;
    }

    /** Whether a kubectl binary is on the PATH. */
    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** API-server properties that add an HTTPS port on a fresh self-signed certificate. */
    static Map<String, String> tlsProperties(Path dir, int httpsPort) throws IOException, InterruptedException {
        Path keystore = dir.resolve("apiserver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "apiserver", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "e2e-secret",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return Map.of("quarkus.http.ssl-port", String.valueOf(httpsPort),
                "quarkus.tls.key-store.p12.path", keystore.toString(),
                "quarkus.tls.key-store.p12.password", "e2e-secret");
    }

    /** A kubectl for {@code https://127.0.0.1:<httpsPort>} with the admin token, namespace {@code default}. */
    static Kubectl forServer(Path dir, int httpsPort) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: batchplane
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: batchplane
                  context:
                    cluster: batchplane
                    user: admin
                    namespace: default
                current-context: batchplane
                """.formatted(httpsPort, ApiServers.ADMIN_TOKEN));
        Path home = Files.createDirectories(dir.resolve("kubectl-home"));
        return new Kubectl(home, kubeconfig);
    }

    /** The kubeconfig file, for running other programs (e.g. an example's script) against the same server. */
    Path kubeconfig() {
        return kubeconfig;
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs kubectl with extra environment variables (e.g. KUBE_EDITOR) and waits at most a minute. */
    Result run(Map<String, String> env, String... args) {
        try {
            Process p = start(env, args);
            p.getOutputStream().close();
            Path out = home.resolve("out-" + System.nanoTime());
            Path err = home.resolve("err-" + System.nanoTime());
            Thread o = new Thread(() -> copy(p.getInputStream(), out));
            Thread e = new Thread(() -> copy(p.getErrorStream(), err));
            o.start();
            e.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Starts kubectl without waiting, e.g. for {@code get -w}. */
    Process start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("kubectl");
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.add("--request-timeout=30s");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("KUBECONFIG");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs kubectl, expects success, and parses its output as JSON (for {@code -o json}). */
    com.fasterxml.jackson.databind.JsonNode json(String... args) {
        Result r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(),
                () -> "kubectl " + String.join(" ", args) + ":\n" + r.both());
        return io.batchplane.e2e.Objects.parse(r.out());
    }

    /** {@code kubectl apply -f} of a YAML document; expects success. */
    void apply(String yaml) throws IOException {
        Path file = Files.createTempFile("apply", ".yaml");
        Files.writeString(file, yaml);
        Result r = run("apply", "-f", file.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), r::both);
    }

    private static void copy(java.io.InputStream in, Path to) {
        try (in) {
            Files.write(to, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }
}
