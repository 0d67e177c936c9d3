package io.batchplane.kubelet.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Looks once at what this machine offers for {@link IsolationFeatures} (root, tools, cgroup v1 hierarchies). */
public final class IsolationProbe {

    private IsolationProbe() {
    }

    public static IsolationFeatures.Probe run() {
        boolean root = root();
        Optional<Path> unshare = onPath("unshare");
        boolean works = root && unshare.isPresent() && exitsZero(unshare.get().toString(), "--mount", "--pid", "--uts",
                "--fork", "--mount-proc", "--propagation", "private", "true");
        return new IsolationFeatures.Probe(root, unshare.isPresent(), onPath("nsenter").isPresent(), works,
                root && writable(Cgroups.MEMORY, "memory.limit_in_bytes"), root && writable(Cgroups.CPU, "cpu.cfs_quota_us"));
    }

    /** An executable named {@code name} in the agent's PATH (or the usual system directories). */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean writable(Path hierarchy, String marker) {
        if (!Files.exists(hierarchy.resolve(marker))) {
            return false;
        }
        try {
            Files.createDirectories(hierarchy.resolve(Cgroups.PARENT));
            return Files.exists(hierarchy.resolve(Cgroups.PARENT).resolve(marker));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean exitsZero(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
