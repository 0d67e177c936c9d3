package io.batchplane.jobcontroller.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodClaimsTest {

    static Job job(boolean deleting) {
        return new JobBuilder().withNewMetadata().withName("j").withNamespace("ns").withUid("job-uid")
                .withDeletionTimestamp(deleting ? "2026-01-01T00:00:00Z" : null).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "x")).endSelector().endSpec().build();
    }

    static Pod pod(String name, String controllerUid, boolean matching, boolean deleting) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withUid(name + "-uid")
                .withLabels(matching ? Map.of("app", "x") : Map.of("app", "other"))
                .withDeletionTimestamp(deleting ? "2026-01-01T00:00:00Z" : null).endMetadata();
        if (controllerUid != null) {
            b.editMetadata().addNewOwnerReference().withUid(controllerUid).withKind("Job").withName("j").withController(true)
                    .endOwnerReference().endMetadata();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("owned and matching is kept", false, pod("a", "job-uid", true, false), "owned"),
                Arguments.of("owned but no longer matching is released", false, pod("a", "job-uid", false, false), "release"),
                Arguments.of("owned, not matching, being deleted is kept", false, pod("a", "job-uid", false, true), "owned"),
                Arguments.of("matching orphan is adopted", false, pod("a", null, true, false), "adopt"),
                Arguments.of("orphan being deleted is not adopted", false, pod("a", null, true, true), "none"),
                Arguments.of("Job being deleted adopts nothing", true, pod("a", null, true, false), "none"),
                Arguments.of("non-matching orphan ignored", false, pod("a", null, false, false), "none"),
                Arguments.of("pod of another controller ignored", false, pod("a", "other-uid", true, false), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void claims(String name, boolean jobDeleting, Pod pod, String outcome) {
        PodClaims.Claim c = PodClaims.claim(job(jobDeleting), List.of(pod));
        String got = !c.toAdopt().isEmpty() ? "adopt" : !c.toRelease().isEmpty() ? "release" : !c.owned().isEmpty() ? "owned" : "none";
        assertEquals(outcome, got);
        if (outcome.equals("adopt")) {
            assertEquals(1, c.owned().size(), "adopted pods count as owned");
        }
    }
}
