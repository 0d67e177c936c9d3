package io.batchplane.kubelet.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.kubelet.process.NodeAllocatable;
import io.batchplane.kubelet.process.PodPaths;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a pod's volumes become and how the container command line is wrapped. */
class VolumePlanTest {

    static final NodeAllocatable NODE = new NodeAllocatable("4", "8Gi", "100Gi", "10.0.0.7");
    static final PodPaths PATHS = new PodPaths(Path.of("/agent-home"));

    @Test
    void eachVolumeKindAndEachMount() {
        Container c = new ContainerBuilder().withName("main").addNewVolumeMount().withName("scratch").withMountPath("/srv/data").endVolumeMount()
                .addNewVolumeMount().withName("mem").withMountPath("/m").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("host").withMountPath("/h/").withSubPath("sub/dir").endVolumeMount()
                .addNewVolumeMount().withName("info").withMountPath("/etc/podinfo").endVolumeMount()
                .addNewVolumeMount().withName("cm").withMountPath("/cm").endVolumeMount()
                .addNewVolumeMount().withName("scratch").withMountPath("/escape").withSubPath("../x").endVolumeMount()
                .addNewVolumeMount().withName("undeclared").withMountPath("/u").endVolumeMount()
                .withNewResources().withLimits(Map.of("memory", new Quantity("64Mi"))).endResources().build();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u1").endMetadata().withNewSpec()
                .withContainers(c).withVolumes(
                        new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("1Mi")).endEmptyDir().build(),
                        new VolumeBuilder().withName("host").withNewHostPath().withPath("/srv/data").withType("DirectoryOrCreate").endHostPath().build(),
                        new VolumeBuilder().withName("info").withNewDownwardAPI().addNewItem().withPath("name").withNewFieldRef()
                                .withFieldPath("metadata.name").endFieldRef().endItem().addNewItem().withPath("mem").withNewResourceFieldRef()
                                .withContainerName("main").withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef()
                                .endItem().addNewItem().withPath("../out").withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
                                .endItem().endDownwardAPI().build(),
                        new VolumeBuilder().withName("cm").withNewConfigMap().withName("x").endConfigMap().build())
                .endSpec().build();
        List<VolumePlan.PodVolume> volumes = VolumePlan.volumes(pod, PATHS, NODE);
        assertEquals(List.of(VolumePlan.Kind.EMPTY_DIR, VolumePlan.Kind.MEMORY_EMPTY_DIR, VolumePlan.Kind.HOST_PATH,
                VolumePlan.Kind.DOWNWARD_API, VolumePlan.Kind.UNSUPPORTED), volumes.stream().map(VolumePlan.PodVolume::kind).toList());
        assertEquals(Path.of("/agent-home/pods/u1/volumes/scratch"), volumes.get(0).path());
        assertEquals(Optional.of(1048576L), volumes.get(1).tmpfsSize());
        assertEquals("DirectoryOrCreate", volumes.get(2).hostPathType());
        assertEquals(Map.of("name", "p", "mem", "64"), volumes.get(3).files());
        assertEquals(List.of(
                new VolumePlan.Mount("scratch", Path.of("/agent-home/pods/u1/volumes/scratch"), Path.of("/srv/data"), false),
                new VolumePlan.Mount("mem", Path.of("/agent-home/pods/u1/volumes/mem"), Path.of("/m"), true),
                new VolumePlan.Mount("host", Path.of("/srv/data/sub/dir"), Path.of("/h"), false),
                new VolumePlan.Mount("info", Path.of("/agent-home/pods/u1/volumes/info"), Path.of("/etc/podinfo"), false)),
                VolumePlan.mounts(c, volumes));
    }

    static Stream<Arguments> mountCases() {
        return Stream.of(
                Arguments.of("emptyDir at a path", "scratch", "/srv/data", null, false, "/agent-home/pods/u1/volumes/scratch", "/srv/data"),
                Arguments.of("read-only", "scratch", "/r", null, true, "/agent-home/pods/u1/volumes/scratch", "/r"),
                Arguments.of("subPath below the volume", "scratch", "/s", "a/b", false, "/agent-home/pods/u1/volumes/scratch/a/b", "/s"),
                Arguments.of("hostPath with subPath", "host", "/h/", "sub", false, "/srv/data/sub", "/h"),
                Arguments.of("mount path normalized", "scratch", "/x/./y/../z", null, false, "/agent-home/pods/u1/volumes/scratch", "/x/z"),
                Arguments.of("subPath leaving the volume is skipped", "scratch", "/e", "../x", false, null, null),
                Arguments.of("absolute subPath is skipped", "scratch", "/e", "/etc", false, null, null),
                Arguments.of("relative mount path is skipped", "scratch", "rel", null, false, null, null),
                Arguments.of("undeclared volume is skipped", "nope", "/n", null, false, null, null),
                Arguments.of("unsupported kind is skipped", "cm", "/cm", null, false, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mountCases")
    void mounts(String name, String volume, String mountPath, String subPath, boolean readOnly, String source, String target) {
        Container c = new ContainerBuilder().withName("c").addNewVolumeMount().withName(volume).withMountPath(mountPath)
                .withSubPath(subPath).withReadOnly(readOnly).endVolumeMount().build();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withUid("u1").endMetadata().withNewSpec().withContainers(c)
                .withVolumes(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("host").withNewHostPath().withPath("/srv/data").endHostPath().build(),
                        new VolumeBuilder().withName("cm").withNewConfigMap().withName("x").endConfigMap().build())
                .endSpec().build();
        List<VolumePlan.Mount> expected = source == null ? List.of()
                : List.of(new VolumePlan.Mount(volume, Path.of(source), Path.of(target), readOnly));
        assertEquals(expected, VolumePlan.mounts(c, VolumePlan.volumes(pod, PATHS, NODE)));
    }

    @Test
    void theCommandLineJoinsCgroupsThenEntersThePodOnlyAsFarAsAllowed() {
        List<String> cmd = List.of("sh", "-c", "echo hi");
        assertEquals(cmd, ContainerCommand.argv(List.of(), OptionalLong.empty(), null, null, null, "c", Path.of("/"), cmd));
        List<String> cg = ContainerCommand.argv(List.of(Path.of("/cg/a/cgroup.procs")), OptionalLong.empty(), null, null, null,
                "c", Path.of("/"), cmd);
        assertEquals(List.of("/bin/sh", "-c", "for f in '/cg/a/cgroup.procs'; do echo $$ > \"$f\" || exit 128; done; exec \"$@\"",
                "batchplane-cgroup", "sh", "-c", "echo hi"), cg);
        List<String> all = ContainerCommand.argv(List.of(), OptionalLong.of(42), "/usr/bin/nsenter", "/usr/bin/unshare", "SCRIPT",
                "c", Path.of("/wd"), cmd);
        assertEquals(List.of("/usr/bin/nsenter", "-t", "42", "-m", "-p", "-u", "--", "/usr/bin/unshare", "--mount",
                "--propagation", "private", "--", "/bin/sh", "-c", "SCRIPT", "c", "/wd", "sh", "-c", "echo hi"), all);
    }
}
