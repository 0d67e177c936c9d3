package io.batchplane.kubelet.runtime;

import io.batchplane.kubelet.isolation.CgroupLimits;
import io.batchplane.kubelet.isolation.Cgroups;
import io.batchplane.kubelet.isolation.ContainerCommand;
import io.batchplane.kubelet.isolation.FileKind;
import io.batchplane.kubelet.isolation.HostPathCheck;
import io.batchplane.kubelet.isolation.IsolationFeatures;
import io.batchplane.kubelet.isolation.IsolationProbe;
import io.batchplane.kubelet.isolation.LocalHostTree;
import io.batchplane.kubelet.isolation.PodNamespaces;
import io.batchplane.kubelet.isolation.RootView;
import io.batchplane.kubelet.isolation.VolumePlan;
import io.batchplane.kubelet.process.ContainerLaunch;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodHostname;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * What one pod gets on this node besides its processes: its volumes ({@link VolumePlan}: directories,
 * hostPath checks, downwardAPI files), its namespaces ({@link PodNamespaces}, memory emptyDirs mounted
 * there), and for each container run its cgroups ({@link Cgroups}) and command line
 * ({@link ContainerCommand}, {@link RootView}) — each part only as far as {@link IsolationFeatures} allow.
 * {@link #prepare()} may fail (a hostPath type check, namespaces that do not come up): the pod then
 * waits in {@code ContainerCreating} and preparation is tried again.
 */
final class PodIsolation {

    private static final Logger LOG = Logger.getLogger(PodIsolation.class);

    private final Pod pod;
    private final String uid;
    private final PodPaths paths;
    private final IsolationFeatures features;
    private final NodeAllocatable node;
    private List<VolumePlan.PodVolume> volumes;
    private PodNamespaces namespaces;
    private boolean prepared;

    PodIsolation(Pod pod, PodPaths paths, IsolationFeatures features, NodeAllocatable node) {
        this.pod = pod;
        this.uid = pod.getMetadata().getUid();
        this.paths = paths;
        this.features = features;
        this.node = node;
    }

    boolean prepared() {
        return prepared;
    }

    /** Sets the pod up; empty when done, else why not (to be tried again). */
    Optional<String> prepare() {
        try {
            Files.createDirectories(paths.pod(uid));
            volumes = VolumePlan.volumes(pod, paths, node);
            for (VolumePlan.PodVolume v : volumes) {
                Optional<String> error = prepare(v);
                if (error.isPresent()) {
                    return error;
                }
            }
            if (features.namespaces() && namespaces == null) {
                List<Path> holderCgroups = features.memoryCgroup() || features.cpuCgroup()
                        ? Cgroups.sandbox(features, uid).procsFiles() : List.of();
                namespaces = PodNamespaces.start(PodHostname.of(pod), holderCgroups, paths.pod(uid).resolve("sandbox.log"));
                for (VolumePlan.PodVolume v : volumes) {
                    if (v.kind() == VolumePlan.Kind.MEMORY_EMPTY_DIR) {
                        String options = "mode=0777" + v.tmpfsSize().map(b -> ",size=" + b).orElse("");
                        namespaces.run(List.of("mount", "-t", "tmpfs", "-o", options, "batchplane-" + v.name(),
                                v.path().toString()));
                    }
                }
            }
            prepared = true;
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (namespaces != null) {
                namespaces.kill();
                namespaces = null;
            }
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private Optional<String> prepare(VolumePlan.PodVolume v) throws IOException {
        switch (v.kind()) {
            case HOST_PATH -> {
                HostPathCheck.Outcome o = HostPathCheck.check(v.hostPathType(), v.path().toString(),
                        LocalHostTree.INSTANCE.kind(v.path()));
                if (o.error().isPresent()) {
                    return o.error();
                }
                if (o.create().orElse(null) == FileKind.DIRECTORY) {
                    Files.createDirectories(v.path());
                } else if (o.create().orElse(null) == FileKind.FILE) {
                    Files.createFile(v.path());
                }
            }
            case DOWNWARD_API -> {
                Files.createDirectories(v.path());
                for (Map.Entry<String, String> f : v.files().entrySet()) {
                    Path file = v.path().resolve(f.getKey());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.getValue());
                }
            }
            default -> Files.createDirectories(v.path());
        }
        return Optional.empty();
    }

    /** Starts run {@code restartCount} of container {@code c} (prepared pods only). */
    ContainerRun start(Container c, int restartCount, Instant now) {
        ContainerLaunch launch = ContainerLaunch.of(pod, c, paths, node);
        Path log = paths.log(uid, c.getName(), restartCount);
        if (launch.argv().isEmpty()) {
            return ContainerRun.start(c.getName(), restartCount, launch, log, now);
        }
        Cgroups cgroups = null;
        if (features.memoryCgroup() || features.cpuCgroup()) {
            try {
                cgroups = Cgroups.create(features, uid, c.getName(), restartCount, CgroupLimits.of(c));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("pod %s container %s: no cgroup, runs without limits: %s", uid, c.getName(), e.getMessage());
            }
        }
        List<Path> procs = cgroups == null ? List.of() : cgroups.procsFiles();
        if (namespaces == null) {
            List<String> argv = ContainerCommand.argv(procs, OptionalLong.empty(), null, null, null, c.getName(),
                    launch.workingDir(), launch.argv());
            return ContainerRun.start(c.getName(), restartCount, launch, argv, launch.workingDir(), cgroups, false, log, now);
        }
        Path view = paths.pod(uid).resolve("view");
        try {
            Files.createDirectories(view);
        } catch (IOException e) {
            return ContainerRun.start(c.getName(), restartCount, launch, List.of(), view, cgroups, false, log, now);
        }
        List<VolumePlan.Mount> mounts = VolumePlan.mounts(c, volumes);
        for (VolumePlan.Mount m : mounts) {
            if (!Files.exists(m.source())) {
                try {
                    Files.createDirectories(m.source());
                } catch (IOException e) {
                    LOG.warnf("pod %s container %s: cannot create subPath %s: %s", uid, c.getName(), m.source(), e.getMessage());
                }
            }
        }
        String script = RootView.script(view, mounts, launch.workingDir(), LocalHostTree.INSTANCE);
        List<String> argv = ContainerCommand.argv(procs, OptionalLong.of(namespaces.pid()),
                IsolationProbe.onPath("nsenter").map(Path::toString).orElse("nsenter"),
                IsolationProbe.onPath("unshare").map(Path::toString).orElse("unshare"), script, c.getName(),
                launch.workingDir(), launch.argv());
        return ContainerRun.start(c.getName(), restartCount, launch, argv, paths.pod(uid), cgroups, true, log, now);
    }

    /** Ends whatever is left of the pod (every process in its namespaces) and removes its cgroups. */
    void release() {
        if (namespaces != null) {
            namespaces.kill();
        }
        if (!Cgroups.removePodWaiting(uid)) {
            LOG.warnf("pod %s: its cgroups could not be removed", uid);
        }
    }
}
