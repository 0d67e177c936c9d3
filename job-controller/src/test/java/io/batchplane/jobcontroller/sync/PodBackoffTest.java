package io.batchplane.jobcontroller.sync;

import static io.batchplane.jobcontroller.sync.Fixtures.NOW;
import static io.batchplane.jobcontroller.sync.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodBackoffTest {
    static final JobControllerConfig CFG = JobControllerConfig.defaults();

    static Pod failedAt(int secondsAgo) {
        return pod("Failed").exitAt("main", 1, NOW.minusSeconds(secondsAgo)).build();
    }

    static Pod succeededAt(int secondsAgo) {
        return pod("Succeeded").exitAt("main", 0, NOW.minusSeconds(secondsAgo)).build();
    }

    static Stream<Arguments> nextCases() {
        BackoffRecord two = new BackoffRecord(2, NOW.minusSeconds(100));
        return Stream.of(
                Arguments.of("nothing new keeps the record", two, List.of(), List.of(), two),
                Arguments.of("first failure", BackoffRecord.NONE, List.of(), List.of(failedAt(5)), new BackoffRecord(1, NOW.minusSeconds(5))),
                Arguments.of("failures add up, newest time kept", two, List.of(), List.of(failedAt(50), failedAt(5)),
                        new BackoffRecord(4, NOW.minusSeconds(5))),
                Arguments.of("a success resets", two, List.of(succeededAt(5)), List.of(), BackoffRecord.NONE),
                Arguments.of("failures before the success do not count", two, List.of(succeededAt(5)), List.of(failedAt(10)),
                        BackoffRecord.NONE),
                Arguments.of("failures after the success count", two, List.of(succeededAt(30)),
                        List.of(failedAt(40), failedAt(20), failedAt(10)), new BackoffRecord(2, NOW.minusSeconds(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextCases")
    void advancesRecord(String name, BackoffRecord prev, List<Pod> succeeded, List<Pod> failed, BackoffRecord expected) {
        assertEquals(expected, PodBackoff.next(prev, succeeded, failed));
    }

    static Stream<Arguments> remainingCases() {
        return Stream.of(
                Arguments.of("no failures", 0, 0, Duration.ZERO),
                Arguments.of("one failure just now waits 10s", 1, 0, Duration.ofSeconds(10)),
                Arguments.of("one failure 4s ago waits 6s", 1, 4, Duration.ofSeconds(6)),
                Arguments.of("one failure 10s ago waits no more", 1, 10, Duration.ZERO),
                Arguments.of("two failures wait 20s", 2, 0, Duration.ofSeconds(20)),
                Arguments.of("three failures wait 40s", 3, 0, Duration.ofSeconds(40)),
                Arguments.of("six failures wait 320s", 6, 0, Duration.ofSeconds(320)),
                Arguments.of("seven failures capped at 6 min", 7, 0, Duration.ofMinutes(6)),
                Arguments.of("many failures capped at 6 min", 100, 60, Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("remainingCases")
    void remainingDelay(String name, int failures, int secondsAgo, Duration expected) {
        Instant last = failures == 0 ? null : NOW.minusSeconds(secondsAgo);
        assertEquals(expected, PodBackoff.remaining(new BackoffRecord(failures, last), NOW, CFG));
    }
}
