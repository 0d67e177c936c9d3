package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unknown fields are found with upstream's paths; Strict refuses them, Warn reports them. */
class FieldValidationTest {

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("known fields only", "{'metadata':{'name':'a'},'spec':{'parallelism':2}}", List.of()),
                Arguments.of("top level", "{'bogus':1}", List.of("bogus")),
                Arguments.of("in spec", "{'spec':{'foo':{'x':1},'parallelism':1}}", List.of("spec.foo")),
                Arguments.of("inside a list element",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b','imagee':'x'}]}}}}",
                        List.of("spec.template.spec.containers[1].imagee")),
                Arguments.of("in metadata", "{'metadata':{'nam':'a'}}", List.of("metadata.nam")),
                Arguments.of("several", "{'a':1,'spec':{'b':[1,2]}}", List.of("a", "spec.b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void findsUnknownFields(String name, String body, List<String> expected) {
        assertEquals(expected, FieldValidation.unknownFields(ResourceType.JOBS, bytes(body)));
    }

    @Test
    void strictIsABadRequestWordedLikeUpstream() {
        ApiException e = assertThrows(ApiException.class, () -> FieldValidation.check(ResourceType.JOBS,
                bytes("{'spec':{'foo':1}}"), FieldValidation.Mode.STRICT));
        assertEquals(400, e.status().getCode());
        assertEquals("Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.foo\"",
                e.status().getMessage());
    }

    @Test
    void warnReportsAndIgnoreIsSilent() {
        assertEquals(List.of("unknown field \"spec.foo\""), FieldValidation.check(ResourceType.JOBS,
                bytes("{'spec':{'foo':1}}"), FieldValidation.Mode.WARN));
        assertEquals(List.of(), FieldValidation.check(ResourceType.JOBS, bytes("{'spec':{'foo':1}}"),
                FieldValidation.Mode.IGNORE));
    }

    @Test
    void prunedDropsOnlyUnknownFields() throws Exception {
        com.fasterxml.jackson.databind.JsonNode pruned = io.batchplane.apiserver.resource.Json.MAPPER.readTree(
                FieldValidation.pruned(ResourceType.JOBS, bytes("{'apiVersion':'batch/v1','kind':'Job',"
                        + "'metadata':{'name':'a','labels':{'x':'y'}},'spec':{'bogus':1,'parallelism':2}}")));
        assertEquals("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"labels\":{\"x\":\"y\"},"
                + "\"name\":\"a\"},\"spec\":{\"parallelism\":2}}", pruned.toString());
    }

    private static byte[] bytes(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
