package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.Annotations;
import io.batchplane.api.Finalizers;
import io.batchplane.api.Labels;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodFactoryTest {

    @Test
    void nonIndexedPodCarriesOwnerLabelsAndFinalizer() {
        Job job = Fixtures.job().build();
        Pod pod = PodFactory.newPod(job, PodFacts.NO_INDEX, null);
        assertEquals("job-", pod.getMetadata().getGenerateName());
        assertNull(pod.getMetadata().getName());
        assertEquals("ns", pod.getMetadata().getNamespace());
        assertEquals("job-uid", pod.getMetadata().getLabels().get(Labels.CONTROLLER_UID));
        assertEquals("job", pod.getMetadata().getLabels().get(Labels.LEGACY_JOB_NAME));
        assertTrue(pod.getMetadata().getFinalizers().contains(Finalizers.JOB_TRACKING));
        OwnerReference ref = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals("Job", ref.getKind());
        assertEquals("batch/v1", ref.getApiVersion());
        assertEquals("job-uid", ref.getUid());
        assertTrue(ref.getController());
        assertTrue(ref.getBlockOwnerDeletion());
        assertFalse(pod.getMetadata().getAnnotations().containsKey(Annotations.JOB_COMPLETION_INDEX));
        assertNull(pod.getSpec().getHostname());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
    }

    @Test
    void indexedPodCarriesIndexEverywhere() {
        Job job = Fixtures.indexedJob(5, 5).build();
        Pod pod = PodFactory.newPod(job, 3, null);
        assertEquals("job-3-", pod.getMetadata().getGenerateName());
        assertEquals("3", pod.getMetadata().getAnnotations().get(Annotations.JOB_COMPLETION_INDEX));
        assertEquals("3", pod.getMetadata().getLabels().get(Labels.JOB_COMPLETION_INDEX));
        assertEquals("job-3", pod.getSpec().getHostname());
        EnvVar env = pod.getSpec().getContainers().get(0).getEnv().get(0);
        assertEquals("JOB_COMPLETION_INDEX", env.getName());
        assertEquals("metadata.labels['batch.kubernetes.io/job-completion-index']", env.getValueFrom().getFieldRef().getFieldPath());
        assertFalse(pod.getMetadata().getAnnotations().containsKey(Annotations.JOB_INDEX_FAILURE_COUNT));
    }

    @Test
    void templateIsNotMutated() {
        Job job = Fixtures.indexedJob(5, 5).build();
        PodFactory.newPod(job, 1, new int[] {1, 0});
        assertTrue(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty());
        assertFalse(job.getSpec().getTemplate().getMetadata().getLabels().containsKey(Labels.JOB_COMPLETION_INDEX));
        assertNull(job.getSpec().getTemplate().getSpec().getHostname());
    }

    static Stream<Arguments> failureCountCases() {
        return Stream.of(
                Arguments.of("first pod of an index", new int[] {0, 0}, "0", null),
                Arguments.of("after counted failures", new int[] {2, 0}, "2", null),
                Arguments.of("after ignored failures", new int[] {1, 3}, "1", "3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureCountCases")
    void failureCountAnnotations(String name, int[] counts, String counted, String ignored) {
        Pod pod = PodFactory.newPod(Fixtures.indexedJob(5, 5).editSpec().withBackoffLimitPerIndex(2).endSpec().build(), 0, counts);
        assertEquals(counted, pod.getMetadata().getAnnotations().get(Annotations.JOB_INDEX_FAILURE_COUNT));
        assertEquals(ignored, pod.getMetadata().getAnnotations().get(Annotations.JOB_INDEX_IGNORED_FAILURE_COUNT));
    }

    static Stream<Arguments> generateNameCases() {
        String long60 = "a".repeat(60);
        return Stream.of(
                Arguments.of("short name", "job", 7, "job-7-"),
                Arguments.of("long name cut to 58", long60, 12, "a".repeat(54) + "-12-"),
                Arguments.of("exactly 58", "b".repeat(55), 1, "b".repeat(55) + "-1-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generateNameCases")
    void indexedGenerateName(String name, String jobName, int index, String expected) {
        assertEquals(expected, PodFactory.indexedGenerateName(jobName, index));
        assertTrue(expected.length() <= 58);
    }
}
