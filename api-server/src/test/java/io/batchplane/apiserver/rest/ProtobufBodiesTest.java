package io.batchplane.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.apiserver.resource.Json;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kubernetes protobuf bodies, checked against what kubectl v1.32 really sends for
 * {@code create namespace proto}, {@code create job x --image=busybox -- echo hi},
 * {@code create cronjob cj --image=busybox --schedule='*&#47;5 * * * *' -- echo hi} and
 * {@code create job fromcj --from=cronjob/cj} (captured into the test resources).
 */
class ProtobufBodiesTest {

    @Test
    void decodesKubectlCreateNamespace() throws Exception {
        assertEquals(Json.MAPPER.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"proto\"},"
                + "\"spec\":{}}"), Json.MAPPER.readTree(ProtobufBodies.toJson(ResourceType.NAMESPACES,
                resource("kubectl-create-namespace.pb"))));
    }

    @Test
    void decodesKubectlCreateJob() throws Exception {
        assertEquals(Json.MAPPER.readTree("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"x"},
                 "spec":{"template":{"metadata":{},"spec":{
                   "containers":[{"name":"x","image":"busybox","command":["echo","hi"],"resources":{},
                                  "stdin":false,"stdinOnce":false,"tty":false}],
                   "restartPolicy":"Never","hostNetwork":false,"hostPID":false,"hostIPC":false}}}}"""),
                Json.MAPPER.readTree(ProtobufBodies.toJson(ResourceType.JOBS, resource("kubectl-create-job.pb"))));
    }

    @Test
    void decodesKubectlCreateCronJob() throws Exception {
        com.fasterxml.jackson.databind.JsonNode cronJob = Json.MAPPER.readTree(ProtobufBodies.toJson(
                ResourceType.CRONJOBS, resource("kubectl-create-cronjob.pb")));
        assertEquals("CronJob", cronJob.path("kind").asText());
        assertEquals("*/5 * * * *", cronJob.path("spec").path("schedule").asText());
        com.fasterxml.jackson.databind.JsonNode container = cronJob.path("spec").path("jobTemplate").path("spec")
                .path("template").path("spec").path("containers").get(0);
        assertEquals("cj busybox [\"echo\",\"hi\"]", container.path("name").asText() + " " + container.path("image").asText()
                + " " + container.path("command"));
    }

    @Test
    void decodesKubectlCreateJobFromACronJob() throws Exception {
        com.fasterxml.jackson.databind.JsonNode job = Json.MAPPER.readTree(ProtobufBodies.toJson(ResourceType.JOBS,
                resource("kubectl-create-job-from-cronjob.pb")));
        com.fasterxml.jackson.databind.JsonNode owner = job.path("metadata").path("ownerReferences").get(0);
        assertEquals("batch/v1 CronJob cj true", owner.path("apiVersion").asText() + " " + owner.path("kind").asText()
                + " " + owner.path("name").asText() + " " + owner.path("controller").asBoolean());
        assertEquals("manual", job.path("metadata").path("annotations").path("cronjob.kubernetes.io/instantiate").asText());
        assertEquals(30, job.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt());
        assertEquals("ClusterFirst", job.path("spec").path("template").path("spec").path("dnsPolicy").asText());
    }

    static Stream<Arguments> refused() throws Exception {
        byte[] job = resource("kubectl-create-job.pb");
        byte[] unknownField = Arrays.copyOf(job, job.length);
        return Stream.of(
                Arguments.of("no magic", ResourceType.JOBS, new byte[] {'{', '}'}, 400),
                Arguments.of("truncated", ResourceType.JOBS, Arrays.copyOf(job, job.length - 40), 400),
                Arguments.of("kind other than the path's", ResourceType.NAMESPACES, job, 400),
                Arguments.of("kind without a protobuf schema here", ResourceType.PODS, job, 415),
                Arguments.of("unknown non-zero field", ResourceType.JOBS, withExtraSpecField(unknownField), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, ResourceType type, byte[] body, int code) {
        ApiException e = assertThrows(ApiException.class, () -> ProtobufBodies.toJson(type, body));
        assertEquals(code, e.status().getCode());
    }

    @Test
    void anUnknownFieldIsNamed() throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> ProtobufBodies.toJson(ResourceType.JOBS,
                withExtraSpecField(resource("kubectl-create-job.pb"))));
        assertEquals("protobuf field 11 of JobSpec is not supported by this server; send the object as application/json",
                e.status().getMessage());
    }

    /** The Job with JobSpec field 11 (podFailurePolicy, not decoded here) set to a non-empty message. */
    private static byte[] withExtraSpecField(byte[] job) {
        String hex = java.util.HexFormat.of().formatHex(job);
        // JobSpec is field 2 of Job (tag 0x12) of length 99 (0x63); grow it by the 3 bytes 5a 01 00.
        String grown = hex.replaceFirst("1263", "1266");
        int specStart = grown.indexOf("1266") + 4;
        grown = grown.substring(0, specStart) + "5a0108" + grown.substring(specStart);
        // the raw object (field 2 of the envelope, tag 0x12) was 130 bytes (0x82 0x01) long
        grown = grown.replaceFirst("128201", "128501");
        return java.util.HexFormat.of().parseHex(grown);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ProtobufBodiesTest.class.getResourceAsStream("/rest/" + name)) {
            return in.readAllBytes();
        }
    }
}
