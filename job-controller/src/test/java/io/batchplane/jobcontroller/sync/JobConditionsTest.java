package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobConditionsTest {
    static final java.time.Instant EARLIER = NOW.minusSeconds(300);

    static Stream<Arguments> cases() {
        JobCondition suspendedTrue = JobConditions.newCondition("Suspended", true, "JobSuspended", "Job suspended", EARLIER);
        return Stream.of(
                Arguments.of("missing True is added", List.of(), true, "JobSuspended", "Job suspended", true, "True", NOW),
                Arguments.of("missing False is not added", List.of(), false, "JobResumed", "Job resumed", false, null, null),
                Arguments.of("same status, reason and message is left alone", List.of(suspendedTrue), true, "JobSuspended",
                        "Job suspended", false, "True", EARLIER),
                Arguments.of("flip to False replaces with new times", List.of(suspendedTrue), false, "JobResumed",
                        "Job resumed", true, "False", NOW),
                Arguments.of("new message replaces", List.of(suspendedTrue), true, "JobSuspended", "other", true, "True", NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ensures(String name, List<JobCondition> start, boolean status, String reason, String message,
                 boolean changed, String wantStatus, java.time.Instant wantTime) {
        List<JobCondition> list = new ArrayList<>(start);
        assertEquals(changed, JobConditions.ensure(list, "Suspended", status, reason, message, NOW));
        JobCondition c = JobConditions.find(list, "Suspended").orElse(null);
        assertEquals(wantStatus, c == null ? null : c.getStatus());
        assertEquals(wantTime == null ? null : Times.format(wantTime), c == null ? null : c.getLastTransitionTime());
    }
}
