package io.batchplane.apiserver.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest parsed version of recently touched objects, so that reading an object back from the
 * database (a read-modify-write's {@code get}, the log tailer's rows) reuses the tree this process
 * already has instead of parsing the same text again. An entry is used only for exactly the revision
 * it was stored at: a revision names one committed state, so the reuse can never return anything but
 * what the row holds. Objects enter after their write committed (never a revision a rolled-back batch
 * had planned) or after they were read. Least recently used entries go first; the objects are mostly
 * the watch cache's own, so the memory is largely shared with it. Thread-safe.
 */
final class RecentObjects {

    private final Map<ObjectKey, StoredObject> byKey;

    RecentObjects(int capacity) {
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectKey, StoredObject> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps {@code object} unless a newer revision of its key is already here. */
    synchronized void remember(StoredObject object) {
        StoredObject known = byKey.get(object.key());
        if (known == null || known.revision() < object.revision()) {
            byKey.put(object.key(), object);
        }
    }

    /**
     * The newest version of {@code key} this process has seen, or null. Only a hint: another writer
     * may have changed or deleted the object since (and a deleted object's last state is kept too).
     */
    synchronized StoredObject latest(ObjectKey key) {
        return byKey.get(key);
    }

    /**
     * The object {@code key} at {@code revision}: the remembered one when it is exactly that revision,
     * otherwise parsed from the row's {@code json} and remembered for next time.
     */
    StoredObject resolve(ObjectKey key, long revision, String json) {
        synchronized (this) {
            StoredObject known = byKey.get(key);
            if (known != null && known.revision() == revision) {
                return known;
            }
        }
        StoredObject parsed = StoredObject.fromText(key, revision, json);
        remember(parsed);
        return parsed;
    }
}
