package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case names a pod that must be deleted before the other. */
class ActivePodOrderTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unscheduled before scheduled", pod("Pending").unscheduled().build(), pod("Pending").build()),
                Arguments.of("pending before running", pod("Pending").build(), pod("Running").build()),
                Arguments.of("unknown before running", pod("Unknown").build(), pod("Running").build()),
                Arguments.of("not ready before ready", pod("Running").build(), pod("Running").ready().build()),
                Arguments.of("more restarts first", pod("Running").restarts(3).build(), pod("Running").restarts(1).build()),
                Arguments.of("newer before older", pod("Running").created(NOW.minusSeconds(10)).build(),
                        pod("Running").created(NOW.minusSeconds(100)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ordersFirstBeforeSecond(String name, Pod first, Pod second) {
        assertTrue(ActivePodOrder.INSTANCE.compare(first, second) < 0);
        assertTrue(ActivePodOrder.INSTANCE.compare(second, first) > 0);
    }
}
