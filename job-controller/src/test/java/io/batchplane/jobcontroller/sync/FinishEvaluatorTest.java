package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.condition;
import static io.batchplane.jobcontroller.sync.Fixtures.job;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static io.batchplane.jobcontroller.sync.Fixtures.pods;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which criterion wins, in upstream's order of precedence. Expected: "Type/Reason", or "-" for none. */
class FinishEvaluatorTest {

    static PodFailurePolicyBuilder failJobOn42() {
        return new PodFailurePolicyBuilder().addNewRule().withAction("FailJob").withNewOnExitCodes().withOperator("In")
                .withValues(42).endOnExitCodes().endRule();
    }

    static Arguments c(String name, Job job, List<Pod> pods, Instant start, String expected, Duration requeue) {
        return Arguments.of(name, job, pods, start, expected, requeue);
    }

    static Stream<Arguments> cases() {
        Instant longAgo = NOW.minusSeconds(1000);
        Job deadline10 = job().editSpec().withActiveDeadlineSeconds(10L).withBackoffLimit(0).endSpec().build();
        return Stream.of(
                c("nothing met", job().build(), pods(pod("Running")), NOW, "-", null),
                c("recorded SuccessCriteriaMet stands over anything",
                        job().editSpec().withBackoffLimit(0).endSpec().editStatus().withFailed(5)
                                .withConditions(condition("SuccessCriteriaMet", "True", "CompletionsReached")).endStatus().build(),
                        List.of(), NOW, "SuccessCriteriaMet/CompletionsReached", null),
                c("recorded FailureTarget leads to Failed with its reason",
                        job().editStatus().withConditions(condition("FailureTarget", "True", "DeadlineExceeded")).endStatus().build(),
                        List.of(), NOW, "Failed/DeadlineExceeded", null),
                c("FailJob rule before the backoff limit",
                        job().editSpec().withBackoffLimit(0).withPodFailurePolicy(failJobOn42().build()).endSpec().build(),
                        pods(pod("Failed").exit("main", 42)), NOW, "FailureTarget/PodFailurePolicy", null),
                c("backoff limit before the deadline",
                        deadline10, pods(pod("Failed").exit("main", 1)), longAgo, "FailureTarget/BackoffLimitExceeded", null),
                c("failed equal to the limit is still within it",
                        job().editSpec().withBackoffLimit(2).endSpec().editStatus().withFailed(2).endStatus().build(),
                        List.of(), NOW, "-", null),
                c("deadline exactly reached",
                        job().editSpec().withActiveDeadlineSeconds(10L).endSpec().build(), List.of(), NOW.minusSeconds(10),
                        "FailureTarget/DeadlineExceeded", null),
                c("deadline ahead asks for a requeue",
                        job().editSpec().withActiveDeadlineSeconds(10L).endSpec().build(), List.of(), NOW.minusSeconds(4),
                        "-", Duration.ofSeconds(6)),
                c("suspended Job has no running deadline",
                        job().editSpec().withActiveDeadlineSeconds(10L).withSuspend(true).endSpec().build(), List.of(), longAgo,
                        "-", null),
                c("FailureTarget False is ignored",
                        job().editStatus().withConditions(condition("FailureTarget", "False", "Whatever")).endStatus().build(),
                        List.of(), NOW, "-", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String name, Job job, List<Pod> pods, Instant start, String expected, Duration requeue) {
        PodCounting.Census census = PodCounting.census(job, pods, Set.of());
        FinishEvaluator.Result r = FinishEvaluator.evaluate(job, pods, census, start, null, null, NOW);
        JobCondition c = r.finished();
        assertEquals(expected, c == null ? "-" : c.getType() + "/" + c.getReason());
        assertEquals(requeue, r.deadlineRequeue());
    }
}
