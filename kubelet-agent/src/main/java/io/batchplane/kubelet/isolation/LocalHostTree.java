package io.batchplane.kubelet.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link HostTree} over this machine's file system. */
public final class LocalHostTree implements HostTree {

    public static final LocalHostTree INSTANCE = new LocalHostTree();

    private LocalHostTree() {
    }

    @Override
    public FileKind kind(Path path) {
        try {
            return FileKind.ofMode((Integer) Files.getAttribute(path, "unix:mode"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isDirectory(path) ? FileKind.DIRECTORY : Files.exists(path) ? FileKind.FILE : FileKind.MISSING;
        }
    }

    @Override
    public Optional<String> linkTarget(Path path) {
        try {
            return Files.isSymbolicLink(path) ? Optional.of(Files.readSymbolicLink(path).toString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
