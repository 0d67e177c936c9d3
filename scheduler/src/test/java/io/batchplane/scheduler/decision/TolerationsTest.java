package io.batchplane.scheduler.decision;

import static io.batchplane.scheduler.decision.Fixtures.taint;
import static io.batchplane.scheduler.decision.Fixtures.toleration;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TolerationsTest {

    static Stream<Arguments> cases() {
        Taint dedicated = taint("dedicated", "gpu", "NoSchedule");
        return Stream.of(
                Arguments.of("equal key and value", toleration("dedicated", "Equal", "gpu", "NoSchedule"), dedicated, true),
                Arguments.of("empty operator means Equal", toleration("dedicated", null, "gpu", "NoSchedule"), dedicated, true),
                Arguments.of("equal with other value", toleration("dedicated", "Equal", "cpu", "NoSchedule"), dedicated, false),
                Arguments.of("exists ignores value", toleration("dedicated", "Exists", null, "NoSchedule"), dedicated, true),
                Arguments.of("other key", toleration("team", "Exists", null, "NoSchedule"), dedicated, false),
                Arguments.of("empty effect matches any effect", toleration("dedicated", "Equal", "gpu", null), dedicated, true),
                Arguments.of("other effect", toleration("dedicated", "Equal", "gpu", "NoExecute"), dedicated, false),
                Arguments.of("empty key with Exists tolerates everything", toleration(null, "Exists", null, null), dedicated, true),
                Arguments.of("empty key with Exists keeps its effect", toleration(null, "Exists", null, "NoExecute"), dedicated, false),
                Arguments.of("empty key with Equal tolerates nothing", toleration(null, "Equal", "", null), dedicated, false),
                Arguments.of("taint without value, Equal with empty value",
                        toleration("node.kubernetes.io/unreachable", "Equal", null, "NoExecute"),
                        taint("node.kubernetes.io/unreachable", null, "NoExecute"), true),
                Arguments.of("unknown operator", toleration("dedicated", "Matches", "gpu", null), dedicated, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tolerates(String name, Toleration toleration, Taint taint, boolean expected) {
        assertEquals(expected, Tolerations.tolerates(toleration, taint));
    }

    @Test
    void firstUntoleratedSkipsPreferNoScheduleAndTolerated() {
        List<Taint> taints = List.of(taint("soft", "", "PreferNoSchedule"), taint("a", "1", "NoSchedule"),
                taint("b", "2", "NoExecute"));
        List<Toleration> tols = List.of(toleration("a", "Exists", null, null));
        assertEquals(Optional.of(taints.get(2)), Tolerations.firstUntolerated(taints, tols, Tolerations::blocksScheduling));
        assertEquals(Optional.empty(), Tolerations.firstUntolerated(null, tols, Tolerations::blocksScheduling));
    }
}
