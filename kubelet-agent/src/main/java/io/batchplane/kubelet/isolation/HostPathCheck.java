package io.batchplane.kubelet.isolation;

import java.util.Optional;

/**
 * The kubelet's check of a hostPath volume's {@code type} against what is on the host: what to create
 * first ({@code DirectoryOrCreate}: a directory, mode 0755; {@code FileOrCreate}: an empty file, mode
 * 0644), or why the volume cannot be mounted. An empty or absent type checks nothing.
 */
public final class HostPathCheck {

    /** What to do before mounting: nothing, create something, or fail with {@code error}. */
    public record Outcome(Optional<FileKind> create, Optional<String> error) {
        static final Outcome OK = new Outcome(Optional.empty(), Optional.empty());

        static Outcome create(FileKind kind) {
            return new Outcome(Optional.of(kind), Optional.empty());
        }

        static Outcome fail(String message) {
            return new Outcome(Optional.empty(), Optional.of(message));
        }
    }

    private HostPathCheck() {
    }

    public static Outcome check(String type, String path, FileKind found) {
        if (type == null || type.isEmpty()) {
            return Outcome.OK;
        }
        return switch (type) {
            case "DirectoryOrCreate" -> found == FileKind.MISSING ? Outcome.create(FileKind.DIRECTORY)
                    : expect(found, FileKind.DIRECTORY, path, "a directory");
            case "FileOrCreate" -> found == FileKind.MISSING ? Outcome.create(FileKind.FILE)
                    : expect(found, FileKind.FILE, path, "a file");
            case "Directory" -> expect(found, FileKind.DIRECTORY, path, "a directory");
            case "File" -> expect(found, FileKind.FILE, path, "a file");
            case "Socket" -> expect(found, FileKind.SOCKET, path, "a socket file");
            case "CharDevice" -> expect(found, FileKind.CHAR_DEVICE, path, "a character device");
            case "BlockDevice" -> expect(found, FileKind.BLOCK_DEVICE, path, "a block device");
            default -> Outcome.fail("hostPath type check failed: unknown type " + type);
        };
    }

    private static Outcome expect(FileKind found, FileKind wanted, String path, String what) {
        if (found == wanted) {
            return Outcome.OK;
        }
        if (found == FileKind.MISSING) {
            return Outcome.fail("hostPath type check failed: " + path + " does not exist");
        }
        return Outcome.fail("hostPath type check failed: " + path + " is not " + what);
    }
}
