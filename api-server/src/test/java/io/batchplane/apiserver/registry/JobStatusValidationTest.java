package io.batchplane.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPodsBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jobs/status writes: each case has a spec edit, the stored status and the written status, and
 * expects exactly the listed field paths.
 */
class JobStatusValidationTest {

    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final String T1 = "2026-01-01T00:05:00Z";

    private final JobStrategy strategy = new JobStrategy();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateStatusUpdate(String name, Consumer<Job> spec, JobStatus old, JobStatus updated, List<String> expected) {
        Job oldJob = TestObjects.job();
        spec.accept(oldJob);
        strategy.prepareForCreate(oldJob);
        oldJob.setStatus(old);
        Job newJob = Copies.deepCopy(oldJob, Job.class);
        newJob.setStatus(updated);
        strategy.prepareForStatusUpdate(newJob, oldJob);
        assertEquals(expected, TestObjects.fields(strategy.validateStatusUpdate(newJob, oldJob)),
                () -> strategy.validateStatusUpdate(newJob, oldJob).toString());
    }

    static Stream<Arguments> cases() {
        Consumer<Job> plain = j -> { };
        Consumer<Job> indexed = j -> JobValidationTest.indexed(j, 5);
        Consumer<Job> perIndex = j -> {
            JobValidationTest.indexed(j, 5);
            j.getSpec().setBackoffLimitPerIndex(1);
        };
        Consumer<Job> elastic = j -> {
            JobValidationTest.indexed(j, 5);
            j.getSpec().setParallelism(5);
        };
        Consumer<Job> withSuccessPolicy = j -> JobValidationTest.success(j, JobValidationTest.rule(1, null));
        JobStatus running = status().withStartTime(T0).withActive(1).withReady(1).build();
        JobStatus empty = new JobStatus();
        return Stream.of(
                ok("job starts", plain, empty, running),
                ok("pod succeeds", plain, running, status().withStartTime(T0).withSucceeded(1).build()),
                ok("job completes properly", plain, running, status().withStartTime(T0).withSucceeded(1)
                        .withCompletionTime(T1).withConditions(cond("SuccessCriteriaMet"), cond("Complete")).build()),
                ok("job fails properly", plain, running, status().withStartTime(T0).withFailed(1)
                        .withConditions(cond("FailureTarget"), cond("Failed")).build()),
                ok("indexes", perIndex, running, status().withStartTime(T0).withActive(1).withReady(1)
                        .withCompletedIndexes("0,2-3").withFailedIndexes("1").build()),
                ok("elastic Indexed job may lower succeeded", elastic, status().withStartTime(T0).withSucceeded(3).build(),
                        status().withStartTime(T0).withSucceeded(2).build()),
                bad("negative counters (also decreases)", plain, empty, status().withActive(-1).withSucceeded(-1).withFailed(-1)
                        .withReady(-1).withTerminating(-1).build(), "status.active", "status.succeeded", "status.failed",
                        "status.ready", "status.terminating", "status.failed", "status.succeeded"),
                bad("more ready than active", plain, running, status().withStartTime(T0).withActive(1).withReady(2).build(),
                        "status.ready"),
                bad("failed counter decreases", plain, status().withStartTime(T0).withFailed(2).build(),
                        status().withStartTime(T0).withFailed(1).build(), "status.failed"),
                bad("succeeded counter decreases", plain, status().withStartTime(T0).withSucceeded(2).build(),
                        status().withStartTime(T0).withSucceeded(1).build(), "status.succeeded"),
                bad("Complete without completionTime", plain, running, status().withStartTime(T0)
                        .withConditions(cond("SuccessCriteriaMet"), cond("Complete")).build(), "status.completionTime"),
                bad("completionTime without Complete", plain, running, status().withStartTime(T0).withActive(1)
                        .withReady(1).withCompletionTime(T1).build(), "status.completionTime"),
                bad("completionTime before startTime", plain, status().withStartTime(T1).build(), status().withStartTime(T1)
                        .withCompletionTime(T0).withConditions(cond("SuccessCriteriaMet"), cond("Complete")).build(),
                        "status.completionTime"),
                bad("Complete without SuccessCriteriaMet", plain, running, status().withStartTime(T0)
                        .withCompletionTime(T1).withConditions(cond("Complete")).build(), "status.conditions"),
                bad("Failed without FailureTarget", plain, running, status().withStartTime(T0)
                        .withConditions(cond("Failed")).build(), "status.conditions"),
                bad("Complete and Failed", plain, running, status().withStartTime(T0).withCompletionTime(T1)
                        .withConditions(cond("SuccessCriteriaMet"), cond("Complete"), cond("FailureTarget"), cond("Failed"))
                        .build(), "status.conditions", "status.conditions", "status.conditions", "status.conditions"),
                bad("finished with active pods", plain, running, status().withStartTime(T0).withActive(1).withReady(1)
                        .withConditions(cond("FailureTarget"), cond("Failed")).build(), "status.active"),
                bad("finished with terminating pods", plain, running, status().withStartTime(T0).withTerminating(1)
                        .withConditions(cond("FailureTarget"), cond("Failed")).build(), "status.terminating"),
                bad("finished without startTime", plain, empty, status()
                        .withConditions(cond("FailureTarget"), cond("Failed")).build(), "status.startTime"),
                bad("finished with uncounted pods", plain, running, status().withStartTime(T0)
                        .withUncountedTerminatedPods(new UncountedTerminatedPodsBuilder().withFailed("u1").build())
                        .withConditions(cond("FailureTarget"), cond("Failed")).build(), "status.uncountedTerminatedPods"),
                bad("uncounted uids empty or repeated", plain, running, status().withStartTime(T0).withActive(1).withReady(1)
                        .withUncountedTerminatedPods(new UncountedTerminatedPodsBuilder().withSucceeded("", "u1")
                                .withFailed("u1").build()).build(),
                        "status.uncountedTerminatedPods.succeeded[0]", "status.uncountedTerminatedPods.failed[0]"),
                bad("terminal condition removed", plain, status().withStartTime(T0)
                        .withConditions(cond("FailureTarget")).build(), status().withStartTime(T0).build(),
                        "status.conditions"),
                bad("completionTime mutated", plain, status().withStartTime(T0).withCompletionTime(T1)
                        .withConditions(cond("SuccessCriteriaMet"), cond("Complete")).build(), status().withStartTime(T0)
                        .withCompletionTime("2026-01-01T00:06:00Z").withConditions(cond("SuccessCriteriaMet"),
                                cond("Complete")).build(), "status.completionTime"),
                bad("startTime removed while running", plain, running, status().withActive(1).withReady(1).build(),
                        "status.startTime"),
                bad("startTime moved while running", plain, running, status().withStartTime(T1).withActive(1)
                        .withReady(1).build(), "status.startTime"),
                ok("startTime reset on resume of a suspended Job", plain,
                        status().withStartTime(T0).withConditions(cond("Suspended")).build(),
                        status().withStartTime(T1).withConditions(cond("Suspended")).build()),
                bad("completedIndexes malformed", indexed, running, status().withStartTime(T0).withActive(1).withReady(1)
                        .withCompletedIndexes("2,1").build(), "status.completedIndexes"),
                bad("completedIndexes beyond completions", indexed, running, status().withStartTime(T0).withActive(1)
                        .withReady(1).withCompletedIndexes("5").build(), "status.completedIndexes"),
                bad("completedIndexes on NonIndexed job", plain, running, status().withStartTime(T0).withActive(1)
                        .withReady(1).withCompletedIndexes("0").build(), "status.completedIndexes"),
                bad("failedIndexes without backoffLimitPerIndex", indexed, running, status().withStartTime(T0)
                        .withActive(1).withReady(1).withFailedIndexes("1").build(), "status.failedIndexes"),
                bad("failedIndexes malformed", perIndex, running, status().withStartTime(T0).withActive(1).withReady(1)
                        .withFailedIndexes("x").build(), "status.failedIndexes"),
                bad("failedIndexes overlap completed", perIndex, running, status().withStartTime(T0).withActive(1)
                        .withReady(1).withCompletedIndexes("0-2").withFailedIndexes("2,4").build(), "status.failedIndexes"),
                bad("SuccessCriteriaMet removed", withSuccessPolicy, status().withStartTime(T0)
                        .withConditions(cond("SuccessCriteriaMet")).build(), status().withStartTime(T0).build(),
                        "status.conditions"),
                bad("Complete without SuccessCriteriaMet under a successPolicy", withSuccessPolicy, running,
                        status().withStartTime(T0).withCompletionTime(T1).withConditions(cond("Complete")).build(),
                        "status.conditions", "status.conditions"));
    }

    static JobStatusBuilder status() {
        return new JobStatusBuilder();
    }

    static JobCondition cond(String type) {
        return new JobConditionBuilder().withType(type).withStatus("True").build();
    }

    static Arguments ok(String name, Consumer<Job> spec, JobStatus old, JobStatus updated) {
        return Arguments.of(name, spec, old, updated, List.of());
    }

    static Arguments bad(String name, Consumer<Job> spec, JobStatus old, JobStatus updated, String... fields) {
        return Arguments.of(name, spec, old, updated, TestObjects.sorted(fields));
    }
}
