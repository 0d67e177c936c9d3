package io.batchplane.kubelet.isolation;

import io.batchplane.kubelet.process.DownwardApi;
import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.batchplane.kubelet.process.ResourceFieldRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pod's volumes are on this node and where each container sees them, computed from the pod alone:
 * <ul>
 * <li>{@code emptyDir}: the directory {@code pods/<uid>/volumes/<name>}; with {@code medium: Memory} a
 * tmpfs mounted there in the pod's mount namespace, {@code sizeLimit} its size.</li>
 * <li>{@code hostPath}: the host path itself, after its {@code type} check ({@link HostPathCheck}).</li>
 * <li>{@code downwardAPI}: the directory {@code pods/<uid>/volumes/<name>} holding one file per item
 * ({@code fieldRef} via {@link DownwardApi}, {@code resourceFieldRef} via {@link ResourceFieldRef}),
 * written once when the pod starts.</li>
 * <li>other kinds (configMap, secret, projected, …) are not supported: their mounts are skipped.</li>
 * </ul>
 * A {@code volumeMount} becomes a bind of the volume's path (plus {@code subPath}) at {@code mountPath},
 * read-only when {@code readOnly}.
 */
public final class VolumePlan {

    /** How a volume exists on the node. */
    public enum Kind { EMPTY_DIR, MEMORY_EMPTY_DIR, HOST_PATH, DOWNWARD_API, UNSUPPORTED }

    /**
     * One pod volume: {@code path} on the host; {@code tmpfsSize} in bytes for a memory emptyDir with a
     * size limit; {@code hostPathType} for hostPath; {@code files} (relative path → content) for downwardAPI.
     */
    public record PodVolume(String name, Kind kind, Path path, Optional<Long> tmpfsSize, String hostPathType,
            Map<String, String> files) {
    }

    /** One bind mount into a container: {@code source} on the host at {@code target} in the container. */
    public record Mount(String volume, Path source, Path target, boolean readOnly) {
    }

    private VolumePlan() {
    }

    public static List<PodVolume> volumes(Pod pod, PodPaths paths, NodeAllocatable node) {
        List<PodVolume> out = new ArrayList<>();
        String uid = pod.getMetadata().getUid();
        for (Volume v : pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            Path own = paths.volume(uid, v.getName());
            if (v.getEmptyDir() != null) {
                boolean memory = "Memory".equals(v.getEmptyDir().getMedium());
                Optional<Long> size = Optional.ofNullable(v.getEmptyDir().getSizeLimit()).filter(q -> memory)
                        .map(q -> Quantity.getAmountInBytes(q).setScale(0, RoundingMode.CEILING).longValueExact());
                out.add(new PodVolume(v.getName(), memory ? Kind.MEMORY_EMPTY_DIR : Kind.EMPTY_DIR, own, size, null, Map.of()));
            } else if (v.getHostPath() != null) {
                out.add(new PodVolume(v.getName(), Kind.HOST_PATH, Path.of(v.getHostPath().getPath()), Optional.empty(),
                        v.getHostPath().getType(), Map.of()));
            } else if (v.getDownwardAPI() != null) {
                out.add(new PodVolume(v.getName(), Kind.DOWNWARD_API, own, Optional.empty(), null,
                        downwardFiles(pod, v.getDownwardAPI().getItems(), node)));
            } else {
                out.add(new PodVolume(v.getName(), Kind.UNSUPPORTED, own, Optional.empty(), null, Map.of()));
            }
        }
        return out;
    }

    /** The container's mounts, in the order given, skipping unknown and unsupported volumes. */
    public static List<Mount> mounts(Container c, List<PodVolume> volumes) {
        List<Mount> out = new ArrayList<>();
        for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            PodVolume v = volumes.stream().filter(pv -> pv.name().equals(m.getName())).findFirst().orElse(null);
            if (v == null || v.kind() == Kind.UNSUPPORTED || m.getMountPath() == null || !m.getMountPath().startsWith("/")) {
                continue;
            }
            Path source = v.path();
            String sub = m.getSubPath();
            if (sub != null && !sub.isEmpty()) {
                Path rel = Path.of(sub).normalize();
                if (rel.isAbsolute() || rel.startsWith("..")) {
                    continue;
                }
                source = source.resolve(rel);
            }
            out.add(new Mount(v.name(), source, Path.of(m.getMountPath()).normalize(), Boolean.TRUE.equals(m.getReadOnly())));
        }
        return out;
    }

    static Map<String, String> downwardFiles(Pod pod, List<DownwardAPIVolumeFile> items, NodeAllocatable node) {
        Map<String, String> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            Path rel = Path.of(item.getPath()).normalize();
            if (rel.isAbsolute() || rel.startsWith("..")) {
                continue;
            }
            Optional<String> value = Optional.empty();
            if (item.getFieldRef() != null) {
                value = DownwardApi.resolveForVolume(pod, item.getFieldRef().getFieldPath(), node.address());
            } else if (item.getResourceFieldRef() != null) {
                var ref = item.getResourceFieldRef();
                value = ResourceFieldRef.value(pod, ref.getContainerName(), null, ref.getResource(), ref.getDivisor(), node);
            }
            value.ifPresent(v -> files.put(rel.toString(), v));
        }
        return files;
    }
}
