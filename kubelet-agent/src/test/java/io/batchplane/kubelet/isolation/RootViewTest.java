package io.batchplane.kubelet.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The view script over a fake host tree: which directories are split, what is bound where. */
class RootViewTest {

    /** / holds bin → usr/bin, usr/, var/ (var/run → /run), run/, srv/ (srv/main/, srv/f), etc/hosts. */
    static final HostTree HOST = new HostTree() {
        final Map<String, FileKind> kinds = Map.ofEntries(Map.entry("/", FileKind.DIRECTORY), Map.entry("/bin", FileKind.DIRECTORY),
                Map.entry("/usr", FileKind.DIRECTORY), Map.entry("/usr/bin", FileKind.DIRECTORY),
                Map.entry("/var", FileKind.DIRECTORY), Map.entry("/var/run", FileKind.DIRECTORY),
                Map.entry("/run", FileKind.DIRECTORY), Map.entry("/srv", FileKind.DIRECTORY),
                Map.entry("/srv/main", FileKind.DIRECTORY), Map.entry("/srv/f", FileKind.FILE),
                Map.entry("/etc", FileKind.DIRECTORY), Map.entry("/etc/hosts", FileKind.FILE),
                Map.entry("/vol", FileKind.DIRECTORY), Map.entry("/vol/file", FileKind.FILE),
                Map.entry("/pod/view", FileKind.DIRECTORY), Map.entry("/pod", FileKind.DIRECTORY));
        final Map<String, List<String>> dirs = Map.of("/", List.of("bin", "usr", "var", "run", "srv", "etc", "vol", "pod"),
                "/srv", List.of("main", "f"), "/var", List.of("run"), "/etc", List.of("hosts"));
        final Map<String, String> links = Map.of("/bin", "usr/bin", "/var/run", "/run");

        @Override
        public FileKind kind(Path path) {
            return kinds.getOrDefault(path.toString(), FileKind.MISSING);
        }

        @Override
        public Optional<String> linkTarget(Path path) {
            return Optional.ofNullable(links.get(path.toString()));
        }

        @Override
        public List<String> children(Path dir) {
            return dirs.getOrDefault(dir.toString(), List.of());
        }

        @Override
        public Path realPath(Path path) {
            return path.toString().startsWith("/var/run") ? Path.of("/run" + path.toString().substring(8)) : path;
        }
    };

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a mount path that exists is mounted over, nothing split below /",
                        mount("/vol", "/srv/main", false), "/",
                        List.of("mkdir -p \"$R\"'/srv' && mount --rbind '/srv' \"$R\"'/srv'",
                                "mount --bind '/vol' \"$R\"'/srv/main'"),
                        List.of("mkdir -p \"$R\"'/srv'\n")),
                Arguments.of("a missing mount path splits its existing parent: its entries are bound one by one",
                        mount("/vol", "/srv/data", false), "/",
                        List.of("mkdir -p \"$R\"'/srv'\n", "mount --rbind '/srv/main' \"$R\"'/srv/main'",
                                "touch \"$R\"'/srv/f' && mount --bind '/srv/f' \"$R\"'/srv/f'",
                                "mkdir -p \"$R\"'/srv/data' || fail", "mount --bind '/vol' \"$R\"'/srv/data'"),
                        List.of("mount --rbind '/srv' ")),
                Arguments.of("a missing top-level path needs only / split",
                        mount("/vol", "/data/x", false), "/",
                        List.of("mkdir -p \"$R\"'/data/x' || fail", "mount --rbind '/srv' \"$R\"'/srv'"),
                        List.of()),
                Arguments.of("symbolic links are kept as links and resolved in mount paths",
                        mount("/vol", "/var/run/x", false), "/",
                        List.of("ln -s 'usr/bin' \"$R\"'/bin'", "mount --bind '/vol' \"$R\"'/run/x'"),
                        List.of("\"$R\"'/var/run/x'")),
                Arguments.of("read-only mounts are remounted read-only",
                        mount("/vol", "/srv/main", true), "/",
                        List.of("mount -o remount,bind,ro \"$R\"'/srv/main'"), List.of()),
                Arguments.of("a file volume gets a file mount point",
                        mount("/vol/file", "/etc/app.conf", false), "/",
                        List.of("touch \"$R\"'/etc/app.conf'", "touch \"$R\"'/etc/hosts' && mount --bind '/etc/hosts' ", "mkdir -p \"$R\"'/etc'\n"),
                        List.of("mount --rbind '/etc' ")),
                Arguments.of("a missing working directory is made in the view, not on the host",
                        List.of(), "/srv/job",
                        List.of("mkdir -p \"$R\"'/srv/job' || fail", "mkdir -p \"$R\"'/srv'\n"),
                        List.of("mount --rbind '/srv' ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void viewScripts(String name, List<VolumePlan.Mount> mounts, String workingDir, List<String> present, List<String> absent) {
        String script = RootView.script(Path.of("/pod/view"), mounts, Path.of(workingDir), HOST);
        for (String p : present) {
            assertEquals(true, script.contains(p), "missing [" + p + "] in\n" + script);
        }
        for (String a : absent) {
            assertEquals(false, script.contains(a), "unexpected [" + a + "] in\n" + script);
        }
        assertEquals(true, script.startsWith("fail() {"), script);
        assertEquals(true, script.endsWith("exec \"$C\" \"$R\" /bin/sh -c 'cd \"$1\" || exit 128; shift; exec \"$@\"' \"$0\" \"$@\"\n"));
    }

    static Stream<Arguments> quotes() {
        return Stream.of(Arguments.of("plain", "/a b", "'/a b'"), Arguments.of("a single quote", "it's", "'it'\\''s'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotes")
    void quoting(String name, String in, String out) {
        assertEquals(out, RootView.quote(in));
    }

    private static List<VolumePlan.Mount> mount(String source, String target, boolean readOnly) {
        return List.of(new VolumePlan.Mount("v", Path.of(source), Path.of(target), readOnly));
    }
}
