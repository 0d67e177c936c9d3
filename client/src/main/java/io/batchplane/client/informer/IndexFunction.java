package io.batchplane.client.informer;

import java.util.Collection;

/**
 * Computes the values under which an object is indexed (none, one or several), e.g. a pod's node
 * name or its owners' uids. Must be a pure function of the object.
 */
@FunctionalInterface
public interface IndexFunction<T> {
    Collection<String> values(T object);
}
