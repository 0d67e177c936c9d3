package io.batchplane.kubelet.process;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a pod's files live under the agent's data directory ({@code batchplane.home}):
 * {@code pods/<uid>/volumes/<volume>} for emptyDir volumes and
 * {@code pods/<uid>/logs/<container>/<restartCount>.log} for each run of a container (stdout and
 * stderr together).
 */
public record PodPaths(Path home) {

    public Path pod(String uid) {
        return home.resolve("pods").resolve(safe(uid));
    }

    public Path volume(String uid, String volume) {
        return pod(uid).resolve("volumes").resolve(safe(volume));
    }

    public Path log(String uid, String container, int restartCount) {
        return pod(uid).resolve("logs").resolve(safe(container)).resolve(restartCount + ".log");
    }

    /**
     * The restart count of a container's newest log ({@code previous}: the one before it), from the
     * files under {@code logs/<container>}; empty when there is none.
     */
    public java.util.Optional<Integer> logRun(String uid, String container, boolean previous) {
        java.nio.file.Path dir = pod(uid).resolve("logs").resolve(safe(container));
        if (!java.nio.file.Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            java.util.List<Integer> runs = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+\\.log")).map(n -> Integer.parseInt(n.substring(0, n.length() - 4)))
                    .sorted(java.util.Comparator.reverseOrder()).toList();
            int i = previous ? 1 : 0;
            return runs.size() > i ? java.util.Optional.of(runs.get(i)) : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The env var through which a process finds an emptyDir volume's directory:
     * {@code BATCHPLANE_VOLUME_<NAME>}, the name upper-cased with every non-alphanumeric as {@code _}.
     */
    public static String volumeEnv(String volume) {
        return "BATCHPLANE_VOLUME_" + volume.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Names are DNS labels/uids already; this keeps a hostile one from leaving the pod directory. */
    private static String safe(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".")
                || name.equals("..")) {
            throw new IllegalArgumentException("not a usable path element: \"" + name + "\"");
        }
        return name;
    }
}
