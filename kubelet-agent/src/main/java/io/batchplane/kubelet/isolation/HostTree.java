package io.batchplane.kubelet.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The host's file tree as {@link RootView} needs to see it (so the plan stays pure and testable). */
public interface HostTree {

    /** What is at {@code path}, symbolic links followed. */
    FileKind kind(Path path);

    /** Whether {@code path} itself is a symbolic link; its target if so. */
    Optional<String> linkTarget(Path path);

    /** The names in a directory. */
    List<String> children(Path dir);

    /** {@code path} with every symbolic link resolved; it exists. */
    Path realPath(Path path);
}
