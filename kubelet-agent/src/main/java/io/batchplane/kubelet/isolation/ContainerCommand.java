package io.batchplane.kubelet.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The command line the agent starts for one container run: the container's own argv, preceded (when
 * the features allow) by a {@code /bin/sh} step that moves the process into the run's cgroups and then
 * by {@code nsenter} into the pod's namespaces + {@code unshare --mount} for the container's own mount
 * namespace, where the {@link RootView} script builds the view and starts the command. With
 * {@code nsenter} the container's main process is the child of the started process (nsenter forks to
 * enter the PID namespace), so signals go to that child.
 */
public final class ContainerCommand {

    private ContainerCommand() {
    }

    public static List<String> argv(List<Path> cgroupProcs, OptionalLong podPid, String nsenter, String unshare,
            String viewScript, String container, Path workingDir, List<String> command) {
        List<String> out = new ArrayList<>();
        if (!cgroupProcs.isEmpty()) {
            StringBuilder join = new StringBuilder("for f in");
            cgroupProcs.forEach(f -> join.append(' ').append(RootView.quote(f.toString())));
            join.append("; do echo $$ > \"$f\" || exit 128; done; exec \"$@\"");
            out.addAll(List.of("/bin/sh", "-c", join.toString(), "batchplane-cgroup"));
        }
        if (podPid.isPresent()) {
            out.addAll(List.of(nsenter, "-t", Long.toString(podPid.getAsLong()), "-m", "-p", "-u", "--",
                    unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", viewScript, container,
                    workingDir.toString()));
        }
        out.addAll(command);
        return List.copyOf(out);
    }
}
