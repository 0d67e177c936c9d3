package io.batchplane.kubelet.isolation;

/** What is at a host path (symbolic links followed), as far as hostPath {@code type} checks and mount points care. */
public enum FileKind {
    MISSING, DIRECTORY, FILE, SOCKET, CHAR_DEVICE, BLOCK_DEVICE, OTHER;

    /** From the {@code st_mode} of a file, as {@code unix:mode} gives it. */
    public static FileKind ofMode(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> DIRECTORY;
            case 0100000 -> FILE;
            case 0140000 -> SOCKET;
            case 0020000 -> CHAR_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            default -> OTHER;
        };
    }
}
