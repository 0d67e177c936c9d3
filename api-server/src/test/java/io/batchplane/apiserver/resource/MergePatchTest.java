package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of RFC 7386 appendix A, plus the cases controllers rely on. */
class MergePatchTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("replace a member", "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("add a member", "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
                Arguments.of("null removes", "{\"a\":\"b\"}", "{\"a\":null}", "{}"),
                Arguments.of("null removes one of two", "{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
                Arguments.of("array replaced whole", "{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("value replaced by array", "{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
                Arguments.of("nested merge", "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
                Arguments.of("array of objects replaced", "{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
                Arguments.of("scalar target becomes object", "[\"a\",\"b\"]", "{\"a\":\"b\"}", "{\"a\":\"b\"}"),
                Arguments.of("null inside new object dropped", "{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"),
                Arguments.of("remove finalizers", "{\"metadata\":{\"name\":\"p\",\"finalizers\":[\"x\"]}}",
                        "{\"metadata\":{\"finalizers\":null}}", "{\"metadata\":{\"name\":\"p\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesAsRfc7386(String name, String target, String patch, String expected) throws Exception {
        JsonNode result = MergePatch.apply(Json.MAPPER.readTree(target), Json.MAPPER.readTree(patch));
        assertEquals(Json.MAPPER.readTree(expected), result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leavesInputsUntouched(String name, String target, String patch, String expected) throws Exception {
        JsonNode before = Json.MAPPER.readTree(target);
        JsonNode copy = before.deepCopy();
        MergePatch.apply(before, Json.MAPPER.readTree(patch));
        assertEquals(copy, before);
    }
}
