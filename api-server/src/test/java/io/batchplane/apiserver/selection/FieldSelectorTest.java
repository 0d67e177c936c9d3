package io.batchplane.apiserver.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ObjectNode POD = json("""
            {"metadata":{"name":"pi-x1","namespace":"default"},
             "spec":{"nodeName":"node-1","restartPolicy":"Never","schedulerName":"default-scheduler",
                     "serviceAccountName":"default"},
             "status":{"phase":"Running","podIP":"10.0.0.7","nominatedNodeName":"node-2"}}""");
    private static final ObjectNode PENDING_POD = json("""
            {"metadata":{"name":"pi-x2","namespace":"default"},"spec":{},"status":{"phase":"Pending"}}""");
    private static final ObjectNode JOB = json("""
            {"metadata":{"name":"pi","namespace":"ns1"},"status":{"succeeded":3}}""");
    private static final ObjectNode NEW_JOB = json("""
            {"metadata":{"name":"pi2","namespace":"ns1"},"status":{}}""");
    private static final ObjectNode NODE = json("""
            {"metadata":{"name":"node-1"},"spec":{"unschedulable":true}}""");
    private static final ObjectNode PLAIN_NODE = json("""
            {"metadata":{"name":"node-2"},"spec":{}}""");
    private static final ObjectNode EVENT = json("""
            {"metadata":{"name":"pi.1","namespace":"default"},
             "involvedObject":{"kind":"Job","namespace":"default","name":"pi","uid":"u-1","apiVersion":"batch/v1",
                               "resourceVersion":"42","fieldPath":"spec"},
             "reason":"SuccessfulCreate","reportingComponent":"job-controller",
             "source":{"component":"job-controller"},"type":"Normal"}""");
    private static final ObjectNode NAMESPACE = json("""
            {"metadata":{"name":"default"},"status":{"phase":"Active"}}""");

    static Stream<Arguments> matching() {
        return Stream.of(
                arguments("any kind: metadata.name", "jobs", "metadata.name=pi", JOB, true),
                arguments("any kind: metadata.namespace miss", "jobs", "metadata.namespace=default", JOB, false),
                arguments("double equals", "jobs", "metadata.name==pi", JOB, true),
                arguments("not equals", "jobs", "metadata.name!=pi", JOB, false),
                arguments("and of terms", "pods", "spec.nodeName=node-1,status.phase=Running", POD, true),
                arguments("and with one miss", "pods", "spec.nodeName=node-1,status.phase=Pending", POD, false),
                arguments("pods spec.nodeName", "pods", "spec.nodeName=node-1", POD, true),
                arguments("unscheduled pod has empty nodeName", "pods", "spec.nodeName=", PENDING_POD, true),
                arguments("scheduled pod excluded by empty nodeName", "pods", "spec.nodeName=", POD, false),
                arguments("pods spec.restartPolicy", "pods", "spec.restartPolicy=Never", POD, true),
                arguments("pods spec.schedulerName", "pods", "spec.schedulerName=default-scheduler", POD, true),
                arguments("pods spec.serviceAccountName", "pods", "spec.serviceAccountName=default", POD, true),
                arguments("pods status.phase", "pods", "status.phase!=Succeeded", POD, true),
                arguments("pods status.podIP", "pods", "status.podIP=10.0.0.7", POD, true),
                arguments("pods status.nominatedNodeName", "pods", "status.nominatedNodeName=node-2", POD, true),
                arguments("jobs status.successful", "jobs", "status.successful=3", JOB, true),
                arguments("jobs status.successful absent is 0", "jobs", "status.successful=0", NEW_JOB, true),
                arguments("nodes spec.unschedulable", "nodes", "spec.unschedulable=true", NODE, true),
                arguments("nodes spec.unschedulable absent is false", "nodes", "spec.unschedulable=false", PLAIN_NODE, true),
                arguments("events involvedObject.kind", "events", "involvedObject.kind=Job", EVENT, true),
                arguments("events involvedObject.namespace", "events", "involvedObject.namespace=default", EVENT, true),
                arguments("events involvedObject.name", "events", "involvedObject.name=pi", EVENT, true),
                arguments("events involvedObject.uid", "events", "involvedObject.uid=u-1", EVENT, true),
                arguments("events involvedObject.apiVersion", "events", "involvedObject.apiVersion=batch/v1", EVENT, true),
                arguments("events involvedObject.resourceVersion", "events", "involvedObject.resourceVersion=42", EVENT, true),
                arguments("events involvedObject.fieldPath", "events", "involvedObject.fieldPath=spec", EVENT, true),
                arguments("events reason", "events", "reason=SuccessfulCreate", EVENT, true),
                arguments("events reportingComponent", "events", "reportingComponent=job-controller", EVENT, true),
                arguments("events source", "events", "source=job-controller", EVENT, true),
                arguments("events type", "events", "type=Warning", EVENT, false),
                arguments("namespaces status.phase", "namespaces", "status.phase=Active", NAMESPACE, true),
                arguments("escaped comma in value", "events", "reason=a\\,b", EVENT, false),
                arguments("empty selector", "pods", "", POD, true),
                arguments("empty terms skipped", "pods", "spec.nodeName=node-1,,", POD, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matchesObjects(String name, String resource, String selector, ObjectNode object, boolean expected) {
        assertEquals(expected, FieldSelector.parse(resource, selector).matches(object));
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                arguments("pod field on jobs", "jobs", "spec.nodeName=x", "spec.nodeName"),
                arguments("job field on pods", "pods", "status.successful=1", "status.successful"),
                arguments("labels are not fields", "pods", "metadata.labels=x", "metadata.labels"),
                arguments("cronjobs have only metadata", "cronjobs", "spec.suspend=true", "spec.suspend"),
                arguments("leases have only metadata", "leases", "spec.holderIdentity=a", "spec.holderIdentity"),
                arguments("node field on pods", "pods", "spec.unschedulable=true", "spec.unschedulable"),
                arguments("namespace phase on pods only pods phase", "nodes", "status.phase=Active", "status.phase"),
                arguments("whitespace is not trimmed", "pods", "metadata.name=a, status.phase=b", " status.phase"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void rejectsUnsupportedFields(String name, String resource, String selector, String field) {
        ApiException e = assertThrows(ApiException.class, () -> FieldSelector.parse(resource, selector));
        assertEquals(StatusReason.BAD_REQUEST, e.reason());
        assertEquals("field label not supported: " + field, e.getMessage());
    }

    static Stream<Arguments> badSyntax() {
        return Stream.of(
                arguments("no operator", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
                arguments("unescaped equals in value", "metadata.name=a=b", "invalid field selector: unescaped character in value: ="),
                arguments("bad escape", "metadata.name=a\\b", "invalid field selector: invalid escape sequence: \\b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSyntax")
    void rejectsBadSyntax(String name, String selector, String message) {
        ApiException e = assertThrows(ApiException.class, () -> FieldSelector.parse("pods", selector));
        assertEquals(StatusReason.BAD_REQUEST, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void exposesRequiredValue() {
        FieldSelector s = FieldSelector.parse("pods", "spec.nodeName=node-1,status.phase!=Failed");
        assertEquals(Optional.of("node-1"), s.requiredValue("spec.nodeName"));
        assertEquals(Optional.empty(), s.requiredValue("status.phase"));
        assertTrue(FieldSelector.everything().isEmpty());
    }

    @Test
    void unescapesValues() {
        ObjectNode event = json("""
                {"metadata":{"name":"x"},"reason":"a,b=c"}""");
        assertTrue(FieldSelector.parse("events", "reason=a\\,b\\=c").matches(event));
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
