package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pod defaulting, admission defaults, create validation and the narrow update rules. */
class PodStrategyTest {

    private final PodStrategy strategy = new PodStrategy();

    @Test
    void defaults() {
        Pod pod = TestObjects.pod();
        pod.getSpec().getContainers().add(new ContainerBuilder().withName("latest").withImage("nginx").build());
        strategy.prepareForCreate(pod);
        PodSpec spec = pod.getSpec();
        assertEquals("Always", spec.getRestartPolicy());
        assertEquals(30L, spec.getTerminationGracePeriodSeconds());
        assertEquals("ClusterFirst", spec.getDnsPolicy());
        assertEquals("default-scheduler", spec.getSchedulerName());
        assertEquals(true, spec.getEnableServiceLinks());
        assertEquals(0, spec.getPriority());
        assertEquals("PreemptLowerPriority", spec.getPreemptionPolicy());
        assertEquals("/dev/termination-log", spec.getContainers().get(0).getTerminationMessagePath());
        assertEquals("File", spec.getContainers().get(0).getTerminationMessagePolicy());
        assertEquals("IfNotPresent", spec.getContainers().get(0).getImagePullPolicy());
        assertEquals("Always", spec.getContainers().get(1).getImagePullPolicy());
        assertEquals("Pending", pod.getStatus().getPhase());
        assertEquals("BestEffort", pod.getStatus().getQosClass());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("imageTags")
    void imagePullPolicyFollowsTag(String image, String expectedTag) {
        assertEquals(expectedTag, PodDefaults.imageTag(image));
    }

    static Stream<Arguments> imageTags() {
        return Stream.of(Arguments.of("nginx", "latest"), Arguments.of("nginx:1.25", "1.25"),
                Arguments.of("nginx:latest", "latest"), Arguments.of("registry:5000/team/app", "latest"),
                Arguments.of("registry:5000/team/app:v2", "v2"), Arguments.of("app@sha256:abcd", ""),
                Arguments.of("app:v1@sha256:abcd", "v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tolerationCases")
    void defaultTolerationSeconds(String name, List<Toleration> given, int expectedCount, long addedSeconds) {
        Pod pod = TestObjects.pod();
        pod.getSpec().setTolerations(new ArrayList<>(given));
        strategy.prepareForCreate(pod);
        assertEquals(expectedCount, pod.getSpec().getTolerations().size());
        pod.getSpec().getTolerations().stream().skip(given.size()).forEach(t -> {
            assertEquals("NoExecute", t.getEffect());
            assertEquals("Exists", t.getOperator());
            assertEquals(addedSeconds, t.getTolerationSeconds());
        });
    }

    static Stream<Arguments> tolerationCases() {
        Toleration notReady = new Toleration("NoExecute", PodDefaults.NOT_READY_TAINT, "Exists", 10L, null);
        Toleration anyKey = new Toleration("", null, "Exists", null, null);
        Toleration otherEffect = new Toleration("NoSchedule", PodDefaults.UNREACHABLE_TAINT, "Exists", null, null);
        return Stream.of(
                Arguments.of("both added", List.of(), 2, 300L),
                Arguments.of("existing not-ready kept, unreachable added", List.of(notReady), 2, 300L),
                Arguments.of("toleration of everything suppresses both", List.of(anyKey), 1, 300L),
                Arguments.of("NoSchedule toleration does not count", List.of(otherEffect), 3, 300L));
    }

    @Test
    void qosClasses() {
        Pod guaranteed = TestObjects.pod();
        guaranteed.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi")).build());
        strategy.prepareForCreate(guaranteed);
        assertEquals("Guaranteed", guaranteed.getStatus().getQosClass());
        assertEquals(new Quantity("1"), guaranteed.getSpec().getContainers().get(0).getResources().getRequests().get("cpu"));

        Pod burstable = TestObjects.pod();
        burstable.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m")).build());
        strategy.prepareForCreate(burstable);
        assertEquals("Burstable", burstable.getStatus().getQosClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void validateCreate(String name, Consumer<Pod> in, List<String> expected) {
        Pod pod = TestObjects.pod();
        in.accept(pod);
        strategy.prepareForCreate(pod);
        assertEquals(expected, TestObjects.fields(strategy.validate(pod)), () -> strategy.validate(pod).toString());
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of("minimal pod", (Consumer<Pod>) p -> { }, List.of()),
                Arguments.of("volume with mount", (Consumer<Pod>) p -> {
                    p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("data").build()));
                    p.getSpec().getContainers().get(0).setVolumeMounts(List.of(
                            new VolumeMountBuilder().withName("data").withMountPath("/data").build()));
                }, List.of()),
                Arguments.of("no containers", (Consumer<Pod>) p -> p.getSpec().setContainers(new ArrayList<>()),
                        List.of("spec.containers")),
                Arguments.of("container name not a DNS label", (Consumer<Pod>) p ->
                        p.getSpec().getContainers().get(0).setName("Main_1"), List.of("spec.containers[0].name")),
                Arguments.of("container name missing", (Consumer<Pod>) p ->
                        p.getSpec().getContainers().get(0).setName(""), List.of("spec.containers[0].name")),
                Arguments.of("duplicate container names", (Consumer<Pod>) p -> p.getSpec().getContainers().add(
                        new ContainerBuilder().withName("main").withImage("x").build()), List.of("spec.containers[1].name")),
                Arguments.of("init container reuses a container name", (Consumer<Pod>) p -> p.getSpec().setInitContainers(
                        List.of(new ContainerBuilder().withName("main").withImage("x").build())),
                        List.of("spec.initContainers[0].name")),
                Arguments.of("image missing", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setImage(null),
                        List.of("spec.containers[0].image")),
                Arguments.of("unknown restartPolicy", (Consumer<Pod>) p -> p.getSpec().setRestartPolicy("Sometimes"),
                        List.of("spec.restartPolicy")),
                Arguments.of("activeDeadlineSeconds zero", (Consumer<Pod>) p -> p.getSpec().setActiveDeadlineSeconds(0L),
                        List.of("spec.activeDeadlineSeconds")),
                Arguments.of("duplicate volume names", (Consumer<Pod>) p -> p.getSpec().setVolumes(List.of(
                        new VolumeBuilder().withName("v").build(), new VolumeBuilder().withName("v").build())),
                        List.of("spec.volumes[1].name")),
                Arguments.of("mount of missing volume", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0)
                        .setVolumeMounts(List.of(new VolumeMountBuilder().withName("nope").withMountPath("/x").build())),
                        List.of("spec.containers[0].volumeMounts[0].name")),
                Arguments.of("mount without path", (Consumer<Pod>) p -> {
                    p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("v").build()));
                    p.getSpec().getContainers().get(0).setVolumeMounts(List.of(new VolumeMountBuilder().withName("v").build()));
                }, List.of("spec.containers[0].volumeMounts[0].mountPath")),
                Arguments.of("unknown imagePullPolicy", (Consumer<Pod>) p ->
                        p.getSpec().getContainers().get(0).setImagePullPolicy("Sometimes"),
                        List.of("spec.containers[0].imagePullPolicy")),
                Arguments.of("port out of range", (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setPorts(List.of(
                        new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(70000).build())),
                        List.of("spec.containers[0].ports[0].containerPort")),
                Arguments.of("tolerationSeconds without NoExecute", (Consumer<Pod>) p -> p.getSpec().setTolerations(
                        new ArrayList<>(List.of(new Toleration("NoSchedule", "k", "Exists", 5L, null)))),
                        List.of("spec.tolerations[0].effect")),
                Arguments.of("ephemeral containers on create", (Consumer<Pod>) p -> p.getSpec().setEphemeralContainers(
                        List.of(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder().withName("dbg")
                                .withImage("x").build())), List.of("spec.ephemeralContainers")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void validateUpdate(String name, Consumer<Pod> setup, Consumer<Pod> change, List<String> expected) {
        Pod old = TestObjects.pod();
        setup.accept(old);
        strategy.prepareForCreate(old);
        Pod updated = Copies.deepCopy(old, Pod.class);
        change.accept(updated);
        strategy.prepareForUpdate(updated, old);
        assertEquals(expected, TestObjects.fields(strategy.validateUpdate(updated, old)),
                () -> strategy.validateUpdate(updated, old).toString());
    }

    static Stream<Arguments> updateCases() {
        Consumer<Pod> none = p -> { };
        Consumer<Pod> deadline = p -> p.getSpec().setActiveDeadlineSeconds(100L);
        Consumer<Pod> gated = p -> p.getSpec().setSchedulingGates(List.of(new PodSchedulingGate("a"),
                new PodSchedulingGate("b")));
        return Stream.of(
                Arguments.of("no change", none, none, List.of()),
                Arguments.of("image change", none, (Consumer<Pod>) p -> p.getSpec().getContainers().get(0).setImage("b:2"),
                        List.of()),
                Arguments.of("labels and annotations are metadata", none, (Consumer<Pod>) p ->
                        p.getMetadata().setLabels(Map.of("a", "b")), List.of()),
                Arguments.of("set activeDeadlineSeconds", none, deadline, List.of()),
                Arguments.of("lower activeDeadlineSeconds", deadline, (Consumer<Pod>) p ->
                        p.getSpec().setActiveDeadlineSeconds(50L), List.of()),
                Arguments.of("raise activeDeadlineSeconds", deadline, (Consumer<Pod>) p ->
                        p.getSpec().setActiveDeadlineSeconds(200L), List.of("spec.activeDeadlineSeconds")),
                Arguments.of("unset activeDeadlineSeconds", deadline, (Consumer<Pod>) p ->
                        p.getSpec().setActiveDeadlineSeconds(null), List.of("spec.activeDeadlineSeconds")),
                Arguments.of("add toleration", none, (Consumer<Pod>) p -> p.getSpec().getTolerations()
                        .add(new Toleration("NoSchedule", "k", "Exists", null, null)), List.of()),
                Arguments.of("shorten tolerationSeconds", none, (Consumer<Pod>) p ->
                        p.getSpec().getTolerations().get(0).setTolerationSeconds(10L), List.of()),
                Arguments.of("remove toleration", none, (Consumer<Pod>) p -> p.getSpec().getTolerations().remove(0),
                        List.of("spec.tolerations")),
                Arguments.of("remove scheduling gate", gated, (Consumer<Pod>) p ->
                        p.getSpec().setSchedulingGates(List.of(new PodSchedulingGate("b"))), List.of()),
                Arguments.of("add scheduling gate", gated, (Consumer<Pod>) p -> p.getSpec().setSchedulingGates(List.of(
                        new PodSchedulingGate("a"), new PodSchedulingGate("b"), new PodSchedulingGate("c"))),
                        List.of("spec.schedulingGates")),
                Arguments.of("nodeName cannot change by update", none, (Consumer<Pod>) p ->
                        p.getSpec().setNodeName("node-1"), List.of("spec")),
                Arguments.of("restartPolicy frozen", none, (Consumer<Pod>) p -> p.getSpec().setRestartPolicy("Never"),
                        List.of("spec")),
                Arguments.of("add container", none, (Consumer<Pod>) p -> p.getSpec().getContainers().add(
                        new ContainerBuilder().withName("two").withImage("x").build()), List.of("spec.containers")),
                Arguments.of("grace period from negative to 1", (Consumer<Pod>) p -> p.getSpec().setTerminationGracePeriodSeconds(-1L),
                        (Consumer<Pod>) p -> p.getSpec().setTerminationGracePeriodSeconds(1L), List.of()));
    }

    @Test
    void statusUpdateKeepsSpecAndOwners() {
        Pod old = TestObjects.pod();
        old.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                .withKind("Job").withName("j").withUid("u").withController(true).build()));
        strategy.prepareForCreate(old);
        Pod updated = Copies.deepCopy(old, Pod.class);
        updated.getSpec().setNodeName("sneaky");
        updated.getMetadata().setOwnerReferences(new ArrayList<>());
        updated.setStatus(new PodStatusBuilder().withPhase("Running").withConditions(new PodConditionBuilder()
                .withType("Ready").withStatus("True").build()).build());
        strategy.prepareForStatusUpdate(updated, old);
        assertEquals(null, updated.getSpec().getNodeName());
        assertEquals(1, updated.getMetadata().getOwnerReferences().size());
        assertEquals("BestEffort", updated.getStatus().getQosClass());
        assertTrue(strategy.validateStatusUpdate(updated, old).isEmpty());

        updated.getStatus().getConditions().get(0).setType("not a type");
        assertEquals(List.of("status.conditions[0].type"), TestObjects.fields(strategy.validateStatusUpdate(updated, old)));
    }
}
