package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cells kubectl get shows, per kind, for objects in interesting states. */
class TableColumnsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-01-01T01:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("running job", ResourceType.JOBS,
                        "{'metadata':{'name':'j','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'completions':3},"
                                + "'status':{'succeeded':1,'startTime':'2024-01-01T00:55:00Z'}}",
                        List.of("j", "Running", "1/3", "5m", "60m")),
                Arguments.of("complete job", ResourceType.JOBS,
                        "{'metadata':{'name':'j','creationTimestamp':'2024-01-01T00:59:00Z'},'spec':{'parallelism':1},"
                                + "'status':{'succeeded':1,'startTime':'2024-01-01T00:59:00Z',"
                                + "'completionTime':'2024-01-01T00:59:30Z','conditions':[{'type':'Complete','status':'True'}]}}",
                        List.of("j", "Complete", "1/1", "30s", "60s")),
                Arguments.of("suspended parallel job", ResourceType.JOBS,
                        "{'metadata':{'name':'j','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'parallelism':4},"
                                + "'status':{'conditions':[{'type':'Suspended','status':'True'}]}}",
                        List.of("j", "Suspended", "0/1 of 4", "", "60m")),
                Arguments.of("failed job being deleted", ResourceType.JOBS,
                        "{'metadata':{'name':'j','deletionTimestamp':'2024-01-01T00:00:00Z'},"
                                + "'status':{'conditions':[{'type':'Failed','status':'True'}]}}",
                        List.of("j", "Failed", "0/1", "", "<none>")),
                Arguments.of("pending pod", ResourceType.PODS,
                        "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:59:50Z'},"
                                + "'spec':{'containers':[{'name':'a'},{'name':'b'}]},'status':{'phase':'Pending'}}",
                        List.of("p", "0/2", "Pending", "0", "10s")),
                Arguments.of("crash-looping pod", ResourceType.PODS,
                        "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:00:00Z'},"
                                + "'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running','containerStatuses':[{"
                                + "'ready':false,'restartCount':3,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                                + "'lastState':{'terminated':{'finishedAt':'2024-01-01T00:58:00Z'}}}]}}",
                        List.of("p", "0/1", "CrashLoopBackOff", "3 (2m ago)", "60m")),
                Arguments.of("completed pod", ResourceType.PODS,
                        "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:00:00Z'},"
                                + "'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Succeeded','containerStatuses':[{"
                                + "'ready':false,'restartCount':0,'state':{'terminated':{'reason':'Completed','exitCode':0}}}]}}",
                        List.of("p", "0/1", "Completed", "0", "60m")),
                Arguments.of("pod waiting on an init container", ResourceType.PODS,
                        "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:00:00Z'},"
                                + "'spec':{'initContainers':[{'name':'i'}],'containers':[{'name':'a'}]},"
                                + "'status':{'phase':'Pending','initContainerStatuses':[{'state':{'running':{}}}]}}",
                        List.of("p", "0/1", "Init:0/1", "0", "60m")),
                Arguments.of("terminating pod", ResourceType.PODS,
                        "{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:00:00Z','deletionTimestamp':'x'},"
                                + "'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running'}}",
                        List.of("p", "0/1", "Terminating", "0", "60m")),
                Arguments.of("cronjob", ResourceType.CRONJOBS,
                        "{'metadata':{'name':'c','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'schedule':'*/5 * * * *',"
                                + "'suspend':false},"
                                + "'status':{'active':[{'name':'c-1'}],'lastScheduleTime':'2024-01-01T00:55:00Z'}}",
                        List.of("c", "*/5 * * * *", "<none>", "False", "1", "5m", "60m")),
                Arguments.of("ready cordoned node", ResourceType.NODES,
                        "{'metadata':{'name':'n','creationTimestamp':'2024-01-01T00:00:00Z',"
                                + "'labels':{'node-role.kubernetes.io/worker':''}},'spec':{'unschedulable':true},"
                                + "'status':{'conditions':[{'type':'Ready','status':'True'}],'nodeInfo':{'kubeletVersion':'v1.32.0'}}}",
                        List.of("n", "Ready,SchedulingDisabled", "worker", "60m", "v1.32.0")),
                Arguments.of("namespace", ResourceType.NAMESPACES,
                        "{'metadata':{'name':'ns','creationTimestamp':'2024-01-01T00:00:00Z'},'status':{'phase':'Active'}}",
                        List.of("ns", "Active", "60m")),
                Arguments.of("lease", ResourceType.LEASES,
                        "{'metadata':{'name':'l','creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'holderIdentity':'me'}}",
                        List.of("l", "me", "60m")),
                Arguments.of("event", ResourceType.EVENTS,
                        "{'metadata':{'name':'e'},'type':'Normal','reason':'Completed','message':'Job completed ',"
                                + "'involvedObject':{'kind':'Job','name':'pi'},'lastTimestamp':'2024-01-01T00:59:00Z'}",
                        List.of("60s", "Normal", "Completed", "job/pi", "Job completed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void cells(String name, ResourceType type, String object, List<String> expected) throws Exception {
        ObjectNode table = Tables.table(type, List.of((ObjectNode) Json.MAPPER.readTree(object.replace('\'', '"'))),
                "7", null, NOW);
        List<String> cells = new ArrayList<>();
        JsonNode definitions = table.path("columnDefinitions");
        JsonNode row = table.path("rows").get(0).path("cells");
        for (int i = 0; i < row.size(); i++) {
            if (definitions.get(i).path("priority").asInt() == 0) {
                cells.add(row.get(i).asText());
            }
        }
        assertEquals(expected, cells);
        assertEquals("PartialObjectMetadata", table.path("rows").get(0).path("object").path("kind").asText());
    }
}
