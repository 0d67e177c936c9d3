package io.batchplane.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One requested write: create, update or delete of {@code key}. {@code expectedRevision} is the
 * compare-and-swap precondition for update and delete (0 = unconditional); {@code object} is null
 * for delete.
 */
record WriteOp(Kind kind, ObjectKey key, long expectedRevision, ObjectNode object) {

    enum Kind { CREATE, UPDATE, DELETE }
}
