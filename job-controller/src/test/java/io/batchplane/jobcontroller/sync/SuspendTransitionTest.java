package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.condition;
import static io.batchplane.jobcontroller.sync.Fixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuspendTransitionTest {
    static final String OLD_START = Times.format(NOW.minusSeconds(500));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("suspend a running Job clears startTime", true, null, "Suspended=True/JobSuspended", List.of("Suspended"), null),
                Arguments.of("stay suspended", true, "True", "Suspended=True/JobSuspended", List.of(), null),
                Arguments.of("resume restarts startTime", false, "True", "Suspended=False/JobResumed", List.of("Resumed"), Times.format(NOW)),
                Arguments.of("never suspended: no condition", false, null, "-", List.of(), OLD_START));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transitions(String name, boolean suspend, String existing, String condition, List<String> events, String startTime) {
        Job j = job().editSpec().withSuspend(suspend).endSpec().build();
        JobStatus status = new JobStatusBuilder().withStartTime(OLD_START).build();
        status.setConditions(new ArrayList<>());
        if (existing != null) {
            status.getConditions().add(condition("Suspended", existing, "JobSuspended"));
            status.getConditions().get(0).setMessage("Job suspended");
        }
        List<SyncPlan.JobEvent> out = new ArrayList<>();
        SuspendTransition.apply(j, status, out, NOW);
        String got = status.getConditions().isEmpty() ? "-" : status.getConditions().get(0).getType() + "="
                + status.getConditions().get(0).getStatus() + "/" + status.getConditions().get(0).getReason();
        assertEquals(condition, got);
        assertEquals(events, out.stream().map(SyncPlan.JobEvent::reason).toList());
        assertEquals(startTime, status.getStartTime());
    }
}
