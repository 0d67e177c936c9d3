package io.batchplane.client.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A thread-safe local cache of objects keyed by {@code namespace/name} (just {@code name} for
 * cluster-scoped objects), with named secondary indexes kept in step with every write. Readers get
 * the cached instances themselves: they are shared and must not be mutated (copy before changing).
 */
public final class Indexer<T extends HasMetadata> {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> items = new HashMap<>();
    private final Map<String, IndexFunction<T>> functions = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    /** The cache key of an object: {@code namespace/name}, or {@code name} without a namespace. */
    public static String key(HasMetadata o) {
        return key(o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** Registers an index; objects already cached are indexed at once. Replaces one of the same name. */
    public void addIndex(String name, IndexFunction<T> function) {
        lock.writeLock().lock();
        try {
            functions.put(name, function);
            Map<String, Set<String>> index = new HashMap<>();
            indices.put(name, index);
            items.forEach((k, o) -> function.values(o).forEach(v -> index.computeIfAbsent(v, x -> new HashSet<>()).add(k)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stores {@code o}, returning the object it replaced, if any. */
    public Optional<T> put(T o) {
        String k = key(o);
        lock.writeLock().lock();
        try {
            T old = items.put(k, o);
            if (old != null) {
                unindex(k, old);
            }
            functions.forEach((name, f) -> {
                Map<String, Set<String>> index = indices.get(name);
                f.values(o).forEach(v -> index.computeIfAbsent(v, x -> new HashSet<>()).add(k));
            });
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object under {@code key}, returning it, if any. */
    public Optional<T> remove(String key) {
        lock.writeLock().lock();
        try {
            T old = items.remove(key);
            if (old != null) {
                unindex(key, old);
            }
            return Optional.ofNullable(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(String k, T old) {
        functions.forEach((name, f) -> {
            Map<String, Set<String>> index = indices.get(name);
            for (String v : f.values(old)) {
                Set<String> keys = index.get(v);
                if (keys != null) {
                    keys.remove(k);
                    if (keys.isEmpty()) {
                        index.remove(v);
                    }
                }
            }
        });
    }

    public Optional<T> get(String namespace, String name) {
        return getByKey(key(namespace, name));
    }

    public Optional<T> getByKey(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A snapshot of every cached object. */
    public List<T> list() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A snapshot of every cache key. */
    public Set<String> keys() {
        lock.readLock().lock();
        try {
            return new HashSet<>(items.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The objects whose index {@code indexName} holds {@code value}; unknown index: IllegalArgumentException. */
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> index = indices.get(indexName);
            if (index == null) {
                throw new IllegalArgumentException("no index named " + indexName);
            }
            Collection<String> keys = index.getOrDefault(value, Set.of());
            List<T> out = new ArrayList<>(keys.size());
            keys.forEach(k -> out.add(items.get(k)));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return items.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
