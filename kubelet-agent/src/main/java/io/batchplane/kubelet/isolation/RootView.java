package io.batchplane.kubelet.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shell script that builds one container's view of the file system inside its own mount namespace,
 * then starts the container's command in it. The view is the host's tree, but no mount point ever
 * creates anything on the host:
 * <ol>
 * <li>a tmpfs is mounted at {@code viewDir} (a directory of the pod's own) and becomes the root;</li>
 * <li>every entry of the host's {@code /} is reproduced there: a directory as a recursive bind, a file
 * as a bind, a symbolic link as the same link;</li>
 * <li>a directory on the way to a mount point (or the working directory) that does not exist on the
 * host is made in the tmpfs: its nearest existing ancestor and that one's ancestors are reproduced
 * entry by entry like {@code /} ("split") instead of bound whole, so the missing part lands in the
 * tmpfs. A mount point that exists on the host is mounted over inside the namespace only;</li>
 * <li>each {@link VolumePlan.Mount} is bound at its target (parents first), then remounted read-only
 * when asked;</li>
 * <li>{@code chroot} into the view, {@code cd} to the working directory, {@code exec} the command with
 * the container's own {@code PATH} (the setup steps use the system one).</li>
 * </ol>
 * Paths are resolved through the host's symbolic links first (a mount at {@code /var/run/x} lands at
 * {@code /run/x} when {@code /var/run} links there). A failing step prints why and exits 128.
 */
public final class RootView {

    private RootView() {
    }

    /**
     * The script for {@code sh -c}; it expects {@code $1} = working directory and the command line after it.
     */
    public static String script(Path viewDir, List<VolumePlan.Mount> mounts, Path workingDir, HostTree host) {
        List<Path> targets = new ArrayList<>();
        List<VolumePlan.Mount> resolved = new ArrayList<>();
        for (VolumePlan.Mount m : mounts) {
            Path t = canonical(m.target(), host);
            targets.add(t);
            resolved.add(new VolumePlan.Mount(m.volume(), m.source(), t, m.readOnly()));
        }
        Path wd = canonical(workingDir, host);
        targets.add(wd);
        Set<Path> split = new TreeSet<>();
        split.add(Path.of("/"));
        for (Path t : targets) {
            Path existing = existingPrefix(t, host);
            if (!existing.equals(t)) {
                for (Path p = existing; p != null; p = p.getParent()) {
                    split.add(p);
                }
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("fail() { echo \"batchplane: cannot set up the container: $*\" >&2; exit 128; }\n");
        s.append("CP=$PATH; PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        s.append("R=").append(quote(viewDir.toString())).append('\n');
        s.append("mount -t tmpfs -o mode=0755 batchplane-root \"$R\" || fail 'tmpfs root'\n");
        populate(Path.of("/"), split, host, s);
        s.append("umount -l \"$R\"").append(quote(viewDir.toString())).append(" 2>/dev/null\n");
        resolved.sort(Comparator.comparingInt(m -> m.target().getNameCount()));
        for (VolumePlan.Mount m : resolved) {
            String at = "\"$R\"" + quote(m.target().toString());
            String what = quote(m.target().toString());
            if (host.kind(m.source()) == FileKind.DIRECTORY) {
                s.append("mkdir -p ").append(at).append(" || fail ").append(what).append('\n');
            } else {
                s.append("mkdir -p \"$(dirname ").append(at).append(")\" && touch ").append(at).append(" || fail ")
                        .append(what).append('\n');
            }
            s.append("mount --bind ").append(quote(m.source().toString())).append(' ').append(at).append(" || fail ")
                    .append(what).append('\n');
            if (m.readOnly()) {
                s.append("mount -o remount,bind,ro ").append(at).append(" || fail ").append(what).append('\n');
            }
        }
        s.append("mkdir -p \"$R\"").append(quote(wd.toString())).append(" || fail 'working directory'\n");
        s.append("C=$(command -v chroot) || fail 'no chroot'\nPATH=$CP\n");
        s.append("exec \"$C\" \"$R\" /bin/sh -c 'cd \"$1\" || exit 128; shift; exec \"$@\"' \"$0\" \"$@\"\n");
        return s.toString();
    }

    private static void populate(Path dir, Set<Path> split, HostTree host, StringBuilder s) {
        for (String name : host.children(dir).stream().sorted().toList()) {
            Path p = dir.resolve(name);
            String at = "\"$R\"" + quote(p.toString());
            var link = host.linkTarget(p);
            if (split.contains(p)) {
                s.append("mkdir -p ").append(at).append('\n');
                populate(p, split, host, s);
            } else if (link.isPresent()) {
                s.append("ln -s ").append(quote(link.get())).append(' ').append(at).append('\n');
            } else if (host.kind(p) == FileKind.DIRECTORY) {
                s.append("mkdir -p ").append(at).append(" && mount --rbind ").append(quote(p.toString())).append(' ')
                        .append(at).append(" || fail ").append(quote(p.toString())).append('\n');
            } else if (host.kind(p) != FileKind.MISSING) {
                s.append("touch ").append(at).append(" && mount --bind ").append(quote(p.toString())).append(' ')
                        .append(at).append(" || fail ").append(quote(p.toString())).append('\n');
            }
        }
    }

    /** The path with the host's links resolved in its existing part; the missing rest appended as written. */
    static Path canonical(Path path, HostTree host) {
        Path abs = path.normalize();
        Path existing = existingPrefix(abs, host);
        Path rest = existing.relativize(abs);
        Path real = host.realPath(existing);
        return rest.toString().isEmpty() ? real : real.resolve(rest);
    }

    private static Path existingPrefix(Path abs, HostTree host) {
        Path p = abs;
        while (p.getParent() != null && host.kind(p) == FileKind.MISSING) {
            p = p.getParent();
        }
        return p;
    }

    /** {@code s} as one single-quoted shell word. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
