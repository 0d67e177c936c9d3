package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodFactsTest {
    static final String T = "2026-01-01T00:00:";

    static PodBuilder base() {
        return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp(T + "01Z").endMetadata().withNewStatus().endStatus();
    }

    static Stream<Arguments> finishedCases() {
        return Stream.of(
                Arguments.of("latest container finish", base().editStatus()
                        .addNewContainerStatus().withName("a").withNewState().withNewTerminated().withFinishedAt(T + "10Z").endTerminated().endState().endContainerStatus()
                        .addNewContainerStatus().withName("b").withNewState().withNewTerminated().withFinishedAt(T + "20Z").endTerminated().endState().endContainerStatus()
                        .addNewCondition().withType("Ready").withStatus("False").withLastTransitionTime(T + "30Z").endCondition()
                        .endStatus().build(), T + "20Z"),
                Arguments.of("a running container: Ready=False time", base().editStatus()
                        .addNewContainerStatus().withName("a").withNewState().withNewTerminated().withFinishedAt(T + "10Z").endTerminated().endState().endContainerStatus()
                        .addNewContainerStatus().withName("b").withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                        .addNewCondition().withType("Ready").withStatus("False").withLastTransitionTime(T + "30Z").endCondition()
                        .endStatus().build(), T + "30Z"),
                Arguments.of("deleted: deletion time minus grace", base().editMetadata().withDeletionTimestamp(T + "50Z")
                        .withDeletionGracePeriodSeconds(30L).endMetadata().build(), T + "20Z"),
                Arguments.of("nothing else: creation time", base().build(), T + "01Z"),
                Arguments.of("nothing at all: the epoch", new PodBuilder().withNewMetadata().endMetadata().build(), "1970-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finishedCases")
    void finishedTime(String name, Pod pod, String expected) {
        assertEquals(Instant.parse(expected), PodFacts.finishedTime(pod));
    }

    static Stream<Arguments> indexCases() {
        return Stream.of(
                Arguments.of("valid", "3", 3),
                Arguments.of("absent", null, PodFacts.NO_INDEX),
                Arguments.of("negative", "-2", PodFacts.NO_INDEX),
                Arguments.of("garbage", "x1", PodFacts.NO_INDEX),
                Arguments.of("overflow", "99999999999", PodFacts.NO_INDEX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexCases")
    void completionIndex(String name, String value, int expected) {
        PodBuilder b = base();
        if (value != null) {
            b.editMetadata().addToAnnotations("batch.kubernetes.io/job-completion-index", value).endMetadata();
        }
        assertEquals(expected, PodFacts.completionIndex(b.build()));
    }
}
