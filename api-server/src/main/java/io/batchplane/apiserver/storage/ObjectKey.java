package io.batchplane.apiserver.storage;

import java.util.Objects;

/**
 * Identifies one stored object: its plural resource name, its namespace ({@code ""} for
 * cluster-scoped kinds) and its name.
 */
public record ObjectKey(String resource, String namespace, String name) {

    public ObjectKey {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }
}
