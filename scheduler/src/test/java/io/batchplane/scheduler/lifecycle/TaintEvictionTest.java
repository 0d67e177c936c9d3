package io.batchplane.scheduler.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.scheduler.decision.Fixtures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintEvictionTest {

    static final Instant NOW = Instant.parse("2024-01-01T00:10:00Z");
    static final String ADDED = "2024-01-01T00:08:00Z";

    static Taint unreachable(String effect) {
        return new TaintBuilder().withKey(NodeTaints.UNREACHABLE).withEffect(effect).withTimeAdded(ADDED).build();
    }

    static Toleration tol(String key, String effect, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).withTolerationSeconds(seconds).build();
    }

    static Pod pod(Toleration... tols) {
        return Fixtures.pod("p", null, null).editSpec().withTolerations(tols).endSpec().build();
    }

    /** The API server's defaults: 300 s for unreachable and not-ready. */
    static Pod defaulted() {
        return pod(tol(NodeTaints.NOT_READY, "NoExecute", 300L), tol(NodeTaints.UNREACHABLE, "NoExecute", 300L));
    }

    static Stream<Arguments> cases() {
        Instant added = Instant.parse(ADDED);
        return Stream.of(
                Arguments.of("no taints: stays", defaulted(), List.of(), null),
                Arguments.of("only NoSchedule: stays", pod(), List.of(unreachable("NoSchedule")), null),
                Arguments.of("untolerated NoExecute: now", pod(), List.of(unreachable("NoExecute")), NOW),
                Arguments.of("NoSchedule toleration does not cover NoExecute", pod(tol(NodeTaints.UNREACHABLE, "NoSchedule", null)),
                        List.of(unreachable("NoExecute")), NOW),
                Arguments.of("default 300 s counts from timeAdded", defaulted(), List.of(unreachable("NoExecute")), added.plusSeconds(300)),
                Arguments.of("tolerated forever", pod(tol(NodeTaints.UNREACHABLE, "NoExecute", null)), List.of(unreachable("NoExecute")), null),
                Arguments.of("smallest tolerationSeconds wins",
                        pod(tol(NodeTaints.UNREACHABLE, "NoExecute", 60L), tol(null, null, 600L)),
                        List.of(unreachable("NoExecute")), added.plusSeconds(60)),
                Arguments.of("negative seconds means at once", pod(tol(NodeTaints.UNREACHABLE, "NoExecute", -5L)),
                        List.of(unreachable("NoExecute")), added),
                Arguments.of("second taint untolerated: now", defaulted(),
                        List.of(unreachable("NoExecute"), new TaintBuilder().withKey("maintenance").withEffect("NoExecute").build()), NOW),
                Arguments.of("empty-key Exists tolerates all forever", pod(tol(null, null, null)), List.of(unreachable("NoExecute")), null),
                Arguments.of("taint without timeAdded counts from now", defaulted(),
                        List.of(new TaintBuilder().withKey(NodeTaints.UNREACHABLE).withEffect("NoExecute").build()), NOW.plusSeconds(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evictAt(String name, Pod pod, List<Taint> taints, Instant expected) {
        assertEquals(Optional.ofNullable(expected), TaintEviction.evictAt(pod, taints, NOW));
    }
}
