package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.job;
import static io.batchplane.jobcontroller.sync.Fixtures.many;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How many pods a running NonIndexed Job wants, creates and deletes. */
class PodManagerTest {

    static Job j(Integer completions, int parallelism) {
        return job().editSpec().withCompletions(completions).withParallelism(parallelism).endSpec().build();
    }

    static Stream<Arguments> cases() {
        BackoffRecord recentFailure = new BackoffRecord(1, NOW.minusSeconds(3));
        return Stream.of(
                Arguments.of("completions 5, parallelism 2, none running", j(5, 2), 0, 0, BackoffRecord.NONE, 2, 0, null),
                Arguments.of("completions 5, 4 succeeded: one more", j(5, 2), 0, 4, BackoffRecord.NONE, 1, 0, null),
                Arguments.of("completions reached: surplus deleted", j(5, 2), 2, 5, BackoffRecord.NONE, 0, 2, null),
                Arguments.of("parallelism lowered: surplus deleted", j(5, 1), 3, 0, BackoffRecord.NONE, 0, 2, null),
                Arguments.of("parallelism 0 pauses", j(5, 0), 2, 0, BackoffRecord.NONE, 0, 2, null),
                Arguments.of("work queue before any success", j(null, 3), 1, 0, BackoffRecord.NONE, 2, 0, null),
                Arguments.of("work queue after a success keeps what runs", j(null, 3), 1, 1, BackoffRecord.NONE, 0, 0, null),
                Arguments.of("backoff holds creation", j(5, 2), 0, 0, recentFailure, 0, 0, Duration.ofSeconds(7)),
                Arguments.of("backoff does not hold deletion", j(5, 1), 2, 0, recentFailure, 0, 1, null),
                Arguments.of("at most 500 creations per sync", j(1000, 800), 0, 0, BackoffRecord.NONE, 500, 0, null),
                Arguments.of("at most 500 deletions per sync", j(1000, 0), 600, 0, BackoffRecord.NONE, 0, 500, null),
                Arguments.of("suspended deletes all", job().editSpec().withSuspend(true).endSpec().build(), 3, 0,
                        BackoffRecord.NONE, 0, 3, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void manages(String name, Job job, int running, int succeeded, BackoffRecord backoff, int creates, int deletes, Duration requeue) {
        List<Pod> pods = many(running, "Running", false);
        PodCounting.Census census = PodCounting.census(job, pods, Set.of());
        PodManager.Result r = PodManager.manage(job, pods, census, succeeded, null, null, Map.of(), backoff, NOW,
                JobControllerConfig.defaults());
        assertEquals(creates, r.creations().size(), "creations");
        assertEquals(deletes, r.deletions().size(), "deletions");
        assertEquals(running + creates - deletes, r.active(), "active");
        assertEquals(requeue, r.requeue(), "requeue");
        r.deletions().forEach(d -> assertEquals(true, d.removeFinalizerFirst()));
    }
}
