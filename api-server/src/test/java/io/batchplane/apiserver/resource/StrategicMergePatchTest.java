package io.batchplane.apiserver.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.apiserver.resource.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strategic merge patch on the served kinds' lists, maps and directives. */
class StrategicMergePatchTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("map keys merge, null removes",
                        "{'metadata':{'labels':{'a':'1','b':'2'}}}",
                        "{'metadata':{'labels':{'b':null,'c':'3'}}}",
                        "{'metadata':{'labels':{'a':'1','c':'3'}}}"),
                Arguments.of("containers merge by name",
                        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'z'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'z'}]}}"),
                Arguments.of("a new container is appended",
                        "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'q'}]}}",
                        "{'spec':{'containers':[{'name':'a'},{'name':'c','image':'q'}]}}"),
                Arguments.of("env merges by name inside a container",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'}]}]}}"),
                Arguments.of("$patch delete removes a list element",
                        "{'spec':{'volumes':[{'name':'v1'},{'name':'v2'}]}}",
                        "{'spec':{'volumes':[{'name':'v1','$patch':'delete'}]}}",
                        "{'spec':{'volumes':[{'name':'v2'}]}}"),
                Arguments.of("volumeMounts merge by mountPath",
                        "{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/a'}]}]}",
                        "{'containers':[{'name':'a','volumeMounts':[{'name':'w','mountPath':'/a'}]}]}",
                        "{'containers':[{'name':'a','volumeMounts':[{'name':'w','mountPath':'/a'}]}]}"),
                Arguments.of("container ports merge by containerPort",
                        "{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}",
                        "{'containers':[{'name':'a','ports':[{'containerPort':443}]}]}",
                        "{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}"),
                Arguments.of("tolerations are replaced as a whole",
                        "{'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}}",
                        "{'spec':{'tolerations':[{'key':'c'}]}}",
                        "{'spec':{'tolerations':[{'key':'c'}]}}"),
                Arguments.of("args are replaced as a whole",
                        "{'containers':[{'name':'a','args':['1','2']}]}",
                        "{'containers':[{'name':'a','args':['3']}]}",
                        "{'containers':[{'name':'a','args':['3']}]}"),
                Arguments.of("status conditions merge by type",
                        "{'status':{'conditions':[{'type':'Complete','status':'False'},{'type':'Suspended','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Complete','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Complete','status':'True'},{'type':'Suspended','status':'True'}]}}"),
                Arguments.of("metadata finalizers are a set union",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','c']}}",
                        "{'metadata':{'finalizers':['a','b','c']}}"),
                Arguments.of("namespace spec finalizers are replaced",
                        "{'spec':{'finalizers':['kubernetes']}}",
                        "{'spec':{'finalizers':[]}}",
                        "{'spec':{'finalizers':[]}}"),
                Arguments.of("$deleteFromPrimitiveList removes values",
                        "{'metadata':{'finalizers':['a','b','c']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
                        "{'metadata':{'finalizers':['a','c']}}"),
                Arguments.of("$patch replace on a map replaces it",
                        "{'metadata':{'labels':{'a':'1'}}}",
                        "{'metadata':{'labels':{'$patch':'replace','b':'2'}}}",
                        "{'metadata':{'labels':{'b':'2'}}}"),
                Arguments.of("$patch replace in a list replaces the list",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'containers':[{'name':'c'},{'$patch':'replace'}]}}",
                        "{'spec':{'containers':[{'name':'c'}]}}"),
                Arguments.of("$patch delete on a map removes it",
                        "{'metadata':{'annotations':{'a':'1'},'labels':{'x':'y'}}}",
                        "{'metadata':{'annotations':{'$patch':'delete'}}}",
                        "{'metadata':{'labels':{'x':'y'}}}"),
                Arguments.of("$setElementOrder orders the merged list",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'b','image':'i'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'i'},{'name':'a'}]}}"),
                Arguments.of("$retainKeys drops keys not listed",
                        "{'spec':{'strategy':{'type':'A','rollingUpdate':{'x':1}}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'B'}}}",
                        "{'spec':{'strategy':{'type':'B'}}}"),
                Arguments.of("directives inside a new element are not stored",
                        "{'spec':{}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','$patch':'merge'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(String name, String current, String patch, String expected) throws Exception {
        ObjectNode result = StrategicMergePatch.apply(obj(current), StrategicMergePatch.parse(bytes(patch)));
        assertEquals(Json.MAPPER.readTree(q(expected)), result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void refusesMalformedPatches(String name, String patch, int code) {
        ApiException e = assertThrows(ApiException.class,
                () -> StrategicMergePatch.apply(obj("{'spec':{'containers':[{'name':'a'}]}}"),
                        StrategicMergePatch.parse(bytes(patch))));
        assertEquals(code, e.status().getCode());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("not JSON", "{", 400),
                Arguments.of("not an object", "[1]", 400),
                Arguments.of("element without its merge key", "{'spec':{'containers':[{'image':'x'}]}}", 400),
                Arguments.of("scalar in a keyed list", "{'spec':{'containers':['a']}}", 400));
    }

    private static ObjectNode obj(String s) throws Exception {
        JsonNode n = Json.MAPPER.readTree(q(s));
        return (ObjectNode) n;
    }

    private static byte[] bytes(String s) {
        return q(s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        return s.replace('\'', '"');
    }
}
