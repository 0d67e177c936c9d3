package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The no-op check of updates: the same JSON, numbers compared by value at any depth. */
class SameContentTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("identical objects", "{\"a\":1,\"b\":[\"x\"]}", "{\"b\":[\"x\"],\"a\":1}", true),
                Arguments.of("integer and decimal of one value", "{\"q\":[1]}", "{\"q\":[1.0]}", true),
                Arguments.of("different numbers", "{\"a\":{\"n\":30}}", "{\"a\":{\"n\":31}}", false),
                Arguments.of("number and string", "{\"n\":30}", "{\"n\":\"30\"}", false),
                Arguments.of("different strings deep in a list", "{\"l\":[{\"s\":\"a\"}]}", "{\"l\":[{\"s\":\"b\"}]}", false),
                Arguments.of("an extra field", "{\"a\":1}", "{\"a\":1,\"b\":null}", false),
                Arguments.of("an empty list and no list", "{\"f\":[]}", "{}", false),
                Arguments.of("list order matters", "{\"l\":[1,2]}", "{\"l\":[2,1]}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameContent(String name, String a, String b, boolean same) throws IOException {
        JsonNode left = Json.MAPPER.readTree(a);
        JsonNode right = Json.MAPPER.readTree(b);
        assertEquals(same, ObjectCodec.sameContent(left, right));
        assertEquals(same, ObjectCodec.sameContent(right, left));
    }

    @Test
    void anIntReadFromStoredTextEqualsTheLongTheModelWrites() {
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.putObject("spec").put("terminationGracePeriodSeconds", 30);
        ObjectNode written = Json.MAPPER.createObjectNode();
        written.putObject("spec").put("terminationGracePeriodSeconds", 30L);
        assertFalse(stored.equals(written), "Jackson's own equality tells an int from a long");
        assertTrue(ObjectCodec.sameContent(stored, written));
    }
}
