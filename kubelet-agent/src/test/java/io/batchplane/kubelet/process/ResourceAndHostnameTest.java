package io.batchplane.kubelet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables for {@link ResourceFieldRef}, {@link PodHostname} and the whole-map downward API files. */
class ResourceAndHostnameTest {

    static final NodeAllocatable NODE = new NodeAllocatable("4", "8Gi", "100Gi", "10.0.0.7");

    static Stream<Arguments> resources() {
        return Stream.of(
                Arguments.of("limits.memory in Mi", "limits.memory", "1Mi", "", "64"),
                Arguments.of("limits.memory default divisor 1", "limits.memory", null, "", "67108864"),
                Arguments.of("limits.cpu in millicores", "limits.cpu", "1m", "", "500"),
                Arguments.of("limits.cpu in cores rounds up", "limits.cpu", "1", "", "1"),
                Arguments.of("requests.cpu in millicores", "requests.cpu", "1m", "", "250"),
                Arguments.of("requests.memory rounds up to whole Mi", "requests.memory", "1Mi", "", "2"),
                Arguments.of("unset limit is node allocatable (ephemeral-storage, Gi)", "limits.ephemeral-storage", "1Gi", "", "100"),
                Arguments.of("unset request is 0", "requests.ephemeral-storage", null, "", "0"),
                Arguments.of("another container's unset cpu limit is the node's", "limits.cpu", null, "side", "4"),
                Arguments.of("unknown container", "limits.cpu", null, "nope", null),
                Arguments.of("unknown resource", "limits.gpu", null, "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void resourceFieldRefs(String name, String resource, String divisor, String container, String expected) {
        Pod pod = pod(null, "p");
        Container self = pod.getSpec().getContainers().get(0);
        assertEquals(Optional.ofNullable(expected), ResourceFieldRef.value(pod, container, self, resource,
                divisor == null ? null : new Quantity(divisor), NODE));
    }

    static Stream<Arguments> hostnames() {
        String long64 = "a".repeat(62) + "-b";
        return Stream.of(
                Arguments.of("pod name", null, "pi-x7k2q", "pi-x7k2q"),
                Arguments.of("spec.hostname wins (Indexed Job)", "work-3", "work-3-abcde", "work-3"),
                Arguments.of("63 characters stay", null, "a".repeat(63), "a".repeat(63)),
                Arguments.of("longer is cut to 63 and loses a trailing dash", null, long64, "a".repeat(62)),
                Arguments.of("longer is cut to 63", null, "b".repeat(70), "b".repeat(63)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostnames")
    void hostnamesAsTheKubeletChoosesThem(String name, String hostname, String podName, String expected) {
        assertEquals(expected, PodHostname.of(pod(hostname, podName)));
    }

    static Stream<Arguments> volumeFields() {
        return Stream.of(
                Arguments.of("labels sorted and quoted", "metadata.labels", "a=\"1\"\nz=\"say \\\"hi\\\"\""),
                Arguments.of("one annotation", "metadata.annotations['k']", "v"),
                Arguments.of("pod IP is the node's", "status.podIP", "10.0.0.7"),
                Arguments.of("unknown", "spec.nope", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumeFields")
    void downwardApiVolumeFiles(String name, String path, String expected) {
        Pod pod = pod(null, "p");
        pod.getMetadata().setLabels(Map.of("z", "say \"hi\"", "a", "1"));
        pod.getMetadata().setAnnotations(Map.of("k", "v"));
        assertEquals(Optional.ofNullable(expected), DownwardApi.resolveForVolume(pod, path, NODE.address()));
    }

    static Pod pod(String hostname, String name) {
        Container c = new ContainerBuilder().withName("main").withNewResources()
                .withLimits(Map.of("memory", new Quantity("64Mi"), "cpu", new Quantity("500m")))
                .withRequests(Map.of("memory", new Quantity("1500Ki"), "cpu", new Quantity("250m"))).endResources().build();
        Container side = new ContainerBuilder().withName("side").build();
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("u").endMetadata()
                .withNewSpec().withHostname(hostname).withContainers(c, side).endSpec().build();
    }
}
