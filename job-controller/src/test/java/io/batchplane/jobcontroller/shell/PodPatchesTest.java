package io.batchplane.jobcontroller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPatchesTest {
    static final String F = "batch.kubernetes.io/job-tracking";

    static Pod pod(List<String> finalizers) {
        return new PodBuilder().withNewMetadata().withName("p").withUid("pod-uid").withFinalizers(finalizers).endMetadata().build();
    }

    static Stream<Arguments> removeCases() {
        return Stream.of(
                Arguments.of("only finalizer", List.of(F), "[{\"op\":\"test\",\"path\":\"/metadata/uid\",\"value\":\"pod-uid\"},"
                        + "{\"op\":\"test\",\"path\":\"/metadata/finalizers/0\",\"value\":\"" + F + "\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]"),
                Arguments.of("second of two", List.of("other", F), "[{\"op\":\"test\",\"path\":\"/metadata/uid\",\"value\":\"pod-uid\"},"
                        + "{\"op\":\"test\",\"path\":\"/metadata/finalizers/1\",\"value\":\"" + F + "\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/1\"}]"),
                Arguments.of("absent", List.of("other"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removeCases")
    void removesTrackingFinalizer(String name, List<String> finalizers, String expected) {
        assertEquals(Optional.ofNullable(expected), PodPatches.removeTrackingFinalizer(pod(finalizers)));
    }

    @Test
    void adoptionAddsControllerAndFinalizer() {
        Job job = new JobBuilder().withNewMetadata().withName("j").withUid("job-uid").endMetadata().build();
        String patch = PodPatches.adopt(pod(List.of()), job);
        assertTrue(patch.contains("{\"op\":\"add\",\"path\":\"/metadata/ownerReferences\",\"value\":[{"), patch);
        assertTrue(patch.contains("\"controller\":true"), patch);
        assertTrue(patch.contains("\"blockOwnerDeletion\":true"), patch);
        assertTrue(patch.contains("{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"" + F + "\"]}"), patch);
        String second = PodPatches.adopt(pod(List.of("x")), job);
        assertTrue(second.contains("{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":\"" + F + "\"}"), second);
    }
}
