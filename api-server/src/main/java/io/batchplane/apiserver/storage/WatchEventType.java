package io.batchplane.apiserver.storage;

/** The kinds of change a watch delivers, named as in Kubernetes watch events. */
public enum WatchEventType {
    ADDED, MODIFIED, DELETED, BOOKMARK;

    /** The code stored in the {@code log.type} column; BOOKMARK is never stored. */
    int code() {
        return switch (this) {
            case ADDED -> 1;
            case MODIFIED -> 2;
            case DELETED -> 3;
            case BOOKMARK -> throw new IllegalStateException("bookmarks are not logged");
        };
    }

    static WatchEventType ofCode(int code) {
        return switch (code) {
            case 1 -> ADDED;
            case 2 -> MODIFIED;
            case 3 -> DELETED;
            default -> throw new IllegalArgumentException("unknown log type " + code);
        };
    }
}
