-- The etcd-like store: one global revision counter, the current objects, and the revision log.

-- A single row. Every write transaction locks it first (SELECT ... FOR UPDATE), so write
-- transactions commit strictly in revision order. `compacted` is the newest revision whose
-- history may have been removed from the log.
CREATE TABLE revision (
    id        smallint PRIMARY KEY CHECK (id = 1),
    rev       bigint   NOT NULL,
    compacted bigint   NOT NULL
);
INSERT INTO revision (id, rev, compacted) VALUES (1, 0, 0);

-- The current state of every live object; `value` is its JSON with metadata.resourceVersion = revision.
CREATE TABLE objects (
    resource  text   NOT NULL,
    namespace text   NOT NULL,
    name      text   NOT NULL,
    revision  bigint NOT NULL,
    value     text   NOT NULL,
    PRIMARY KEY (resource, namespace, name)
);

-- One row per write, keyed by its revision. type: 1 ADDED, 2 MODIFIED, 3 DELETED (value = last state).
CREATE TABLE log (
    revision   bigint      PRIMARY KEY,
    resource   text        NOT NULL,
    namespace  text        NOT NULL,
    name       text        NOT NULL,
    type       smallint    NOT NULL,
    value      text        NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX log_key ON log (resource, namespace, name, revision);
