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
