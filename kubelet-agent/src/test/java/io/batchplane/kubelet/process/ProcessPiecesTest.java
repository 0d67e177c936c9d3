package io.batchplane.kubelet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The pure pieces of the process runtime: expansion, downward API, launch, paths, tails. */
class ProcessPiecesTest {

    static final NodeAllocatable NODE = new NodeAllocatable("4", "8Gi", "100Gi", "10.0.0.7");

    static Stream<Arguments> expansions() {
        Map<String, String> vars = Map.of("A", "x", "B", "$(A)", "EMPTY", "");
        return Stream.of(
                Arguments.of("plain text", "no dollar", "no dollar"),
                Arguments.of("known var", "a-$(A)-b", "a-x-b"),
                Arguments.of("unknown var kept", "$(NOPE)", "$(NOPE)"),
                Arguments.of("escaped dollar", "$$", "$"),
                Arguments.of("escaped reference", "$$(A)", "$(A)"),
                Arguments.of("lone dollar kept", "cost $5", "cost $5"),
                Arguments.of("trailing dollar kept", "end$", "end$"),
                Arguments.of("unclosed kept", "$(A", "$(A"),
                Arguments.of("empty name kept", "$()", "$()"),
                Arguments.of("not expanded twice", "$(B)", "$(A)"),
                Arguments.of("empty value", "[$(EMPTY)]", "[]"),
                Arguments.of("shell variable untouched", "$HOME ${A}", "$HOME ${A}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expansion(String name, String input, String expected) {
        assertEquals(expected, VarExpansion.expand(input, Map.of("A", "x", "B", "$(A)", "EMPTY", "")));
    }

    static Stream<Arguments> fieldPaths() {
        return Stream.of(
                Arguments.of("metadata.name", Optional.of("job-a-0")),
                Arguments.of("metadata.namespace", Optional.of("ns")),
                Arguments.of("metadata.uid", Optional.of("u-1")),
                Arguments.of("metadata.labels['app']", Optional.of("web")),
                Arguments.of("metadata.labels['missing']", Optional.of("")),
                Arguments.of("metadata.annotations['batch.kubernetes.io/job-completion-index']", Optional.of("3")),
                Arguments.of("spec.nodeName", Optional.of("n1")),
                Arguments.of("spec.serviceAccountName", Optional.of("")),
                Arguments.of("status.podIP", Optional.of("127.0.0.1")),
                Arguments.of("status.hostIP", Optional.of("")),
                Arguments.of("spec.unknown", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldPaths")
    void downwardApi(String path, Optional<String> expected) {
        assertEquals(expected, DownwardApi.resolve(pod(), path));
    }

    @Test
    void launchExpandsEnvInOrderThenCommandAndArgs() {
        Container c = new ContainerBuilder().withName("main").withCommand("sh", "-c").withArgs("echo $(GREETING) $$(GREETING)")
                .addNewEnv().withName("WHO").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
                .endValueFrom().endEnv()
                .addNewEnv().withName("GREETING").withValue("hi $(WHO) $(LATER)").endEnv()
                .addNewEnv().withName("LATER").withValue("late").endEnv()
                .addNewEnv().withName("SECRET").withNewValueFrom().withNewSecretKeyRef().withName("s").withKey("k")
                .endSecretKeyRef().endValueFrom().endEnv()
                .build();
        ContainerLaunch launch = ContainerLaunch.of(pod(), c, new PodPaths(Path.of("home")), NODE);
        assertEquals(List.of("sh", "-c", "echo hi job-a-0 $(LATER) $(GREETING)"), launch.argv());
        assertEquals("hi job-a-0 $(LATER)", launch.env().get("GREETING"));
        assertEquals(ContainerLaunch.DEFAULT_PATH, launch.env().get("PATH"));
        assertEquals(Path.of("home", "pods", "u-1", "volumes", "scratch-data").toString(),
                launch.env().get("BATCHPLANE_VOLUME_SCRATCH_DATA"));
        assertEquals(false, launch.env().containsKey("SECRET"));
        assertEquals(Path.of("home", "pods", "u-1"), launch.workingDir());
    }

    @Test
    void withoutCommandArgsAreTheCommandLine() {
        Container c = new ContainerBuilder().withName("main").withArgs("perl", "-e", "exit 0").withWorkingDir("/tmp").build();
        ContainerLaunch launch = ContainerLaunch.of(pod(), c, new PodPaths(Path.of("home")), NODE);
        assertEquals(List.of("perl", "-e", "exit 0"), launch.argv());
        assertEquals(Path.of("/tmp"), launch.workingDir());
    }

    @Test
    void paths() {
        PodPaths paths = new PodPaths(Path.of("h"));
        assertEquals(Path.of("h", "pods", "u", "logs", "main", "2.log"), paths.log("u", "main", 2));
        assertEquals(Path.of("h", "pods", "u", "volumes", "work"), paths.volume("u", "work"));
        assertThrows(IllegalArgumentException.class, () -> paths.log("u", "..", 0));
        assertThrows(IllegalArgumentException.class, () -> paths.volume("u", "a/b"));
    }

    static Stream<Arguments> tails() {
        return Stream.of(
                Arguments.of("all", "a\nb\nc\n", -1L, "a\nb\nc\n"),
                Arguments.of("none", "a\nb\nc\n", 0L, ""),
                Arguments.of("last one", "a\nb\nc\n", 1L, "c\n"),
                Arguments.of("last two", "a\nb\nc\n", 2L, "b\nc\n"),
                Arguments.of("more than there are", "a\nb\n", 10L, "a\nb\n"),
                Arguments.of("unterminated last line", "a\nb\nc", 2L, "b\nc"),
                Arguments.of("empty", "", 3L, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tails")
    void tailLines(String name, String content, long lines, String expected) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        int from = LogTail.offsetOfLastLines(bytes, lines);
        assertEquals(expected, new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
    }

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("job-a-0").withNamespace("ns").withUid("u-1")
                .addToLabels("app", "web").addToAnnotations("batch.kubernetes.io/job-completion-index", "3").endMetadata()
                .withNewSpec().withNodeName("n1").addNewVolume().withName("scratch-data").withNewEmptyDir().endEmptyDir()
                .endVolume().endSpec().withNewStatus().withPodIP("127.0.0.1").endStatus().build();
    }
}
