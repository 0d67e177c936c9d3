package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.StatusReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a batch of writes is decided: each CAS on its own, in order, against the batch's own earlier writes. */
class BatchPlanTest {

    private static final ObjectKey A = new ObjectKey("pods", "ns", "a");
    private static final ObjectKey B = new ObjectKey("pods", "ns", "b");
    private static final long BASE = 100;

    /** A stored "a" at revision 7 and nothing else. */
    private static final Map<ObjectKey, BatchPlan.Current> STORED =
            Map.of(A, new BatchPlan.Current(7, "{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"7\"},\"v\":\"old\"}"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("create of a new key succeeds",
                        List.of(create(B)), List.of("ok 101"), 101L),
                Arguments.of("create of an existing key is AlreadyExists",
                        List.of(create(A)), List.of(StatusReason.ALREADY_EXISTS.name()), BASE),
                Arguments.of("update with the current revision succeeds",
                        List.of(update(A, 7)), List.of("ok 101"), 101L),
                Arguments.of("update with a stale revision is Conflict",
                        List.of(update(A, 6)), List.of(StatusReason.CONFLICT.name()), BASE),
                Arguments.of("unconditional update succeeds",
                        List.of(update(A, 0)), List.of("ok 101"), 101L),
                Arguments.of("update of a missing key is NotFound",
                        List.of(update(B, 0)), List.of(StatusReason.NOT_FOUND.name()), BASE),
                Arguments.of("delete with a stale revision is Conflict",
                        List.of(delete(A, 3)), List.of(StatusReason.CONFLICT.name()), BASE),
                Arguments.of("delete of a missing key is NotFound",
                        List.of(delete(B, 0)), List.of(StatusReason.NOT_FOUND.name()), BASE),
                Arguments.of("a failed write takes no revision from the writes after it",
                        List.of(create(A), create(B), update(A, 7)),
                        List.of(StatusReason.ALREADY_EXISTS.name(), "ok 101", "ok 102"), 102L),
                Arguments.of("two updates naming the same stored revision: the second is Conflict",
                        List.of(update(A, 7), update(A, 7)), List.of("ok 101", StatusReason.CONFLICT.name()), 101L),
                Arguments.of("an update may name the revision an earlier write of the batch produced",
                        List.of(update(A, 7), update(A, 101)), List.of("ok 101", "ok 102"), 102L),
                Arguments.of("create after delete in the same batch succeeds",
                        List.of(delete(A, 7), create(A)), List.of("ok 101", "ok 102"), 102L),
                Arguments.of("update after delete in the same batch is NotFound",
                        List.of(delete(A, 0), update(A, 0)), List.of("ok 101", StatusReason.NOT_FOUND.name()), 101L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesEachWriteInOrder(String name, List<WriteOp> ops, List<String> expected, long lastRevision) {
        BatchPlan plan = BatchPlan.plan(BASE, ops, STORED);
        List<String> actual = new ArrayList<>();
        for (BatchPlan.Outcome outcome : plan.outcomes()) {
            actual.add(outcome.error() != null ? outcome.error().reason().name() : "ok " + outcome.result().revision());
        }
        assertEquals(expected, actual);
        assertEquals(lastRevision, plan.lastRevision());
        assertEquals(lastRevision - BASE, plan.log().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stampsEveryResultWithItsRevision(String name, List<WriteOp> ops, List<String> expected, long lastRevision) {
        for (BatchPlan.Outcome outcome : BatchPlan.plan(BASE, ops, STORED).outcomes()) {
            if (outcome.result() != null) {
                assertEquals(String.valueOf(outcome.result().revision()),
                        outcome.result().object().path("metadata").path("resourceVersion").asText());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void deleteLogsTheLastStateAtTheDeleteRevisionAndLeavesTheKeyDeleted() {
        BatchPlan plan = BatchPlan.plan(BASE, List.of(delete(A, 7)), STORED);
        BatchPlan.LogRow row = plan.log().get(0);
        assertEquals(WatchEventType.DELETED, row.type());
        ObjectNode logged = ObjectJson.read(row.json());
        assertEquals("old", logged.path("v").asText());
        assertEquals("101", logged.path("metadata").path("resourceVersion").asText());
        assertNull(plan.finalState().get(A));
        assertEquals(true, plan.finalState().containsKey(A));
    }

    @org.junit.jupiter.api.Test
    void doesNotChangeTheCallersObject() {
        ObjectNode mine = body("mine");
        BatchPlan.plan(BASE, List.of(new WriteOp(WriteOp.Kind.CREATE, B, 0, mine)), STORED);
        assertEquals(body("mine"), mine);
    }

    private static WriteOp create(ObjectKey key) {
        return new WriteOp(WriteOp.Kind.CREATE, key, 0, body(key.name()));
    }

    private static WriteOp update(ObjectKey key, long expected) {
        return new WriteOp(WriteOp.Kind.UPDATE, key, expected, body(key.name()));
    }

    private static WriteOp delete(ObjectKey key, long expected) {
        return new WriteOp(WriteOp.Kind.DELETE, key, expected, null);
    }

    private static ObjectNode body(String name) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putObject("metadata").put("name", name);
        return node;
    }
}
