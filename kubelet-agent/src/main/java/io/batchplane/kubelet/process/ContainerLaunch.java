package io.batchplane.kubelet.process;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one container of a pod is started as a local process, computed purely from the pod:
 * <ul>
 * <li>argv: {@code command} + {@code args}; with no {@code command} (there is no image whose
 * entrypoint could apply) {@code args} alone is the command line. Both are {@code $(VAR)}-expanded
 * with the container's env ({@link VarExpansion}).</li>
 * <li>env: a fresh environment, not the agent's: {@code PATH} (a container's usual default, so the
 * host's {@code sh}, {@code perl}, {@code python3} are found), {@code HOSTNAME} = the pod's host name
 * ({@link PodHostname}), one {@code BATCHPLANE_VOLUME_<NAME>} per emptyDir volume (its directory on
 * the host, also reachable at any {@code mountPath} when pod namespaces are on), then the container's
 * {@code env} in order — literal values expanded against the variables defined before them,
 * {@code fieldRef} from the {@link DownwardApi}, {@code resourceFieldRef} from {@link ResourceFieldRef}.
 * Other sources (secrets, config maps) are not supported and leave the variable unset.</li>
 * <li>working directory: {@code workingDir} when set, else the pod's directory.</li>
 * </ul>
 */
public record ContainerLaunch(List<String> argv, Map<String, String> env, Path workingDir) {

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static ContainerLaunch of(Pod pod, Container c, PodPaths paths, NodeAllocatable node) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", PodHostname.of(pod));
        String uid = pod.getMetadata().getUid();
        for (Volume v : volumes(pod)) {
            if (v.getEmptyDir() != null) {
                env.put(PodPaths.volumeEnv(v.getName()), paths.volume(uid, v.getName()).toString());
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                Optional<String> value = value(pod, c, e, env, node);
                value.ifPresent(v -> env.put(e.getName(), v));
            }
        }
        List<String> argv = new ArrayList<>();
        if (c.getCommand() != null) {
            c.getCommand().forEach(a -> argv.add(VarExpansion.expand(a, env)));
        }
        if (c.getArgs() != null) {
            c.getArgs().forEach(a -> argv.add(VarExpansion.expand(a, env)));
        }
        Path wd = c.getWorkingDir() == null || c.getWorkingDir().isBlank() ? paths.pod(uid) : Path.of(c.getWorkingDir());
        return new ContainerLaunch(List.copyOf(argv), env, wd);
    }

    private static Optional<String> value(Pod pod, Container c, EnvVar e, Map<String, String> defined,
            NodeAllocatable node) {
        if (e.getValueFrom() == null) {
            return Optional.of(VarExpansion.expand(e.getValue() == null ? "" : e.getValue(), defined));
        }
        if (e.getValueFrom().getFieldRef() != null) {
            return DownwardApi.resolve(pod, e.getValueFrom().getFieldRef().getFieldPath(), node.address());
        }
        if (e.getValueFrom().getResourceFieldRef() != null) {
            var ref = e.getValueFrom().getResourceFieldRef();
            return ResourceFieldRef.value(pod, ref.getContainerName(), c, ref.getResource(), ref.getDivisor(), node);
        }
        return Optional.empty();
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }
}
