package io.batchplane.apiserver.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST verbs on resource paths, with kube-apiserver's status codes and Status bodies. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class RestVerbsTest {

    static final String JOB = """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s","labels":{"app":"%s"}},
             "spec":{"template":{"spec":{"restartPolicy":"Never",
               "containers":[{"name":"main","image":"busybox","env":[{"name":"A","value":"1"}]}]}}}}""";

    private String ns;

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer admin-token").contentType("application/json");
    }

    @BeforeEach
    void namespace() {
        ns = "r-" + Long.toHexString(System.nanoTime());
        admin().body("{\"metadata\":{\"name\":\"" + ns + "\"}}").post("/api/v1/namespaces").then().statusCode(201);
    }

    private String jobs() {
        return "/apis/batch/v1/namespaces/" + ns + "/jobs";
    }

    private Response createJob(String name) {
        return admin().body(String.format(JOB, name, name)).post(jobs());
    }

    @Test
    void createGetAndList() {
        createJob("a").then().statusCode(201).body("metadata.uid", notNullValue())
                .body("metadata.namespace", equalTo(ns)).body("spec.backoffLimit", equalTo(6));
        createJob("b").then().statusCode(201);
        admin().get(jobs() + "/a").then().statusCode(200).body("kind", equalTo("Job")).body("metadata.name", equalTo("a"));
        admin().get(jobs()).then().statusCode(200).body("kind", equalTo("JobList")).body("apiVersion", equalTo("batch/v1"))
                .body("metadata.resourceVersion", notNullValue()).body("items.metadata.name", hasItems("a", "b"));
        admin().queryParam("labelSelector", "app=b").get(jobs()).then().body("items", hasSize(1))
                .body("items[0].metadata.name", equalTo("b"));
        admin().queryParam("fieldSelector", "metadata.name=a").get(jobs()).then().body("items", hasSize(1))
                .body("items[0].metadata.name", equalTo("a"));
        admin().get("/apis/batch/v1/jobs").then().statusCode(200).body("items.metadata.name", hasItems("a", "b"));
    }

    @Test
    void listPagesWithLimitAndContinue() {
        for (String n : new String[] {"p1", "p2", "p3"}) {
            createJob(n).then().statusCode(201);
        }
        Response first = admin().queryParam("limit", 2).get(jobs());
        first.then().statusCode(200).body("items", hasSize(2)).body("metadata.continue", notNullValue())
                .body("metadata.resourceVersion", notNullValue());
        admin().queryParam("limit", 2).queryParam("continue", first.path("metadata.continue").toString()).get(jobs())
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].metadata.name", equalTo("p3"))
                .body("metadata.continue", nullValue());
    }

    @Test
    void generateNameAndDryRun() {
        admin().body("{\"metadata\":{\"generateName\":\"g-\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}")
                .post("/api/v1/namespaces/" + ns + "/pods").then().statusCode(201)
                .body("metadata.name", org.hamcrest.Matchers.matchesPattern("g-[a-z0-9]{5}"));
        admin().queryParam("dryRun", "All").body(String.format(JOB, "dry", "dry")).post(jobs()).then().statusCode(201);
        admin().get(jobs() + "/dry").then().statusCode(404);
        admin().queryParam("dryRun", "Some").body(String.format(JOB, "dry", "dry")).post(jobs()).then().statusCode(400);
    }

    @Test
    void errorsAreStatusObjects() {
        createJob("dup").then().statusCode(201);
        createJob("dup").then().statusCode(409).body("kind", equalTo("Status")).body("reason", equalTo("AlreadyExists"))
                .body("message", equalTo("jobs.batch \"dup\" already exists"));
        admin().get(jobs() + "/none").then().statusCode(404).body("reason", equalTo("NotFound"))
                .body("message", equalTo("jobs.batch \"none\" not found")).body("details.kind", equalTo("jobs"));
        admin().body(String.format(JOB, "bad", "bad").replace("\"Never\"", "\"Always\"")).post(jobs()).then()
                .statusCode(422).body("reason", equalTo("Invalid"))
                .body("details.causes.field", hasItem("spec.template.spec.restartPolicy"));
        admin().body("{not json").post(jobs()).then().statusCode(400).body("reason", equalTo("BadRequest"));
        given().header("Authorization", "Bearer admin-token").contentType("application/vnd.kubernetes.protobuf")
                .body(new byte[] {'k', '8', 's', 0}).post("/api/v1/namespaces/" + ns + "/pods").then().statusCode(415)
                .body("reason", equalTo("UnsupportedMediaType"));
        admin().body("{}").put(jobs()).then().statusCode(405).body("reason", equalTo("MethodNotAllowed"));
        admin().get("/api/v1/namespaces/" + ns + "/services").then().statusCode(404).body("reason", equalTo("NotFound"));
        byte[] huge = new byte[RestRoutes.MAX_REQUEST_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        admin().body(huge).post(jobs()).then().statusCode(413).body("reason", equalTo("RequestEntityTooLarge"));
    }

    @Test
    void replaceIsCompareAndSwap() {
        Response created = createJob("cas");
        String body = created.asString().replace("\"app\":\"cas\"", "\"app\":\"cas2\"");
        admin().body(body).put(jobs() + "/cas").then().statusCode(200).body("metadata.labels.app", equalTo("cas2"));
        admin().body(body).put(jobs() + "/cas").then().statusCode(409).body("reason", equalTo("Conflict"))
                .body("message", containsString("the object has been modified"));
        admin().body(body).put(jobs() + "/other").then().statusCode(400)
                .body("message", equalTo("the name of the object (cas) does not match the name on the URL (other)"));
    }

    @Test
    void patchesOfEachType() {
        createJob("p").then().statusCode(201);
        admin().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"m\":\"1\"}}}")
                .patch(jobs() + "/p").then().statusCode(200).body("metadata.labels.m", equalTo("1"));
        admin().contentType("application/json-patch+json")
                .body("[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"2\"}]")
                .patch(jobs() + "/p").then().statusCode(200).body("metadata.labels.j", equalTo("2"));
        admin().contentType("application/strategic-merge-patch+json")
                .body("{\"metadata\":{\"annotations\":{\"s\":\"3\"}}}")
                .patch(jobs() + "/p").then().statusCode(200).body("metadata.annotations.s", equalTo("3"))
                .body("metadata.labels.m", equalTo("1"));
        admin().contentType("application/apply-patch+yaml").body("{}".getBytes()).patch(jobs() + "/p").then().statusCode(415);
        admin().contentType("application/merge-patch+json").body("[").patch(jobs() + "/p").then().statusCode(400);
        admin().contentType("application/merge-patch+json").body("{}").patch(jobs() + "/missing").then().statusCode(404);
    }

    @Test
    void strategicPatchMergesPodContainersByName() {
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        admin().body("{\"metadata\":{\"name\":\"sp\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"},"
                + "{\"name\":\"b\",\"image\":\"y\"}],\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\"}]}}")
                .post(pods).then().statusCode(201);
        admin().contentType("application/strategic-merge-patch+json")
                .body("{\"metadata\":{\"labels\":{\"l\":\"v\"}},\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"y\"}]}}")
                .patch(pods + "/sp").then().statusCode(200).body("spec.containers.name", equalTo(java.util.List.of("a", "b")))
                .body("metadata.labels.l", equalTo("v"));
    }

    @Test
    void fieldValidationStrictAndWarn() {
        String body = String.format(JOB, "fv", "fv").replace("\"template\"", "\"bogus\":1,\"template\"");
        admin().queryParam("fieldValidation", "Strict").body(body).post(jobs()).then().statusCode(400)
                .body("message", equalTo("Job in version \"v1\" cannot be handled as a Job: strict decoding error: "
                        + "unknown field \"spec.bogus\""));
        admin().queryParam("fieldValidation", "Warn").body(body).post(jobs()).then().statusCode(201)
                .header("Warning", equalTo("299 - \"unknown field \\\"spec.bogus\\\"\""))
                .body("spec.bogus", nullValue());
        admin().queryParam("fieldValidation", "Strict").contentType("application/merge-patch+json")
                .body("{\"spec\":{\"nope\":true}}").patch(jobs() + "/fv").then().statusCode(400);
    }

    @Test
    void statusSubresource() {
        createJob("st").then().statusCode(201);
        admin().get(jobs() + "/st/status").then().statusCode(200).body("metadata.name", equalTo("st"));
        admin().contentType("application/merge-patch+json")
                .body("{\"status\":{\"active\":1,\"startTime\":\"2024-01-01T00:00:00Z\"},\"metadata\":{\"labels\":{\"x\":\"y\"}}}")
                .patch(jobs() + "/st/status").then().statusCode(200).body("status.active", equalTo(1));
        admin().contentType("application/merge-patch+json").body("{\"spec\":{\"parallelism\":5}}")
                .patch(jobs() + "/st/status").then().statusCode(200).body("spec.parallelism", equalTo(1));
        admin().get(jobs() + "/st/log").then().statusCode(404);
    }

    @Test
    void podBinding() {
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        admin().body("{\"metadata\":{\"name\":\"b\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}")
                .post(pods).then().statusCode(201);
        admin().body("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"b\"},\"target\":{\"name\":\"node-1\"}}")
                .post(pods + "/b/binding").then().statusCode(201).body("status", equalTo("Success"));
        admin().get(pods + "/b").then().body("spec.nodeName", equalTo("node-1"));
        admin().body("{\"metadata\":{\"name\":\"b\"},\"target\":{\"name\":\"node-2\"}}")
                .post(pods + "/b/binding").then().statusCode(409);
    }

    @Test
    void deleteWithOptionsAndPreconditions() {
        createJob("d1").then().statusCode(201);
        admin().body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"wrong\"}}")
                .delete(jobs() + "/d1").then().statusCode(409).body("reason", equalTo("Conflict"));
        admin().body("{\"propagationPolicy\":\"Sideways\"}").delete(jobs() + "/d1").then().statusCode(400);
        admin().body("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}")
                .delete(jobs() + "/d1").then().statusCode(200);
        admin().get(jobs() + "/d1").then().statusCode(404);
        createJob("d2").then().statusCode(201);
        admin().queryParam("propagationPolicy", "Orphan").delete(jobs() + "/d2").then().statusCode(200)
                .body("metadata.deletionTimestamp", notNullValue()).body("metadata.finalizers", hasItem("orphan"));
        admin().delete(jobs() + "/gone").then().statusCode(404);
    }

    @Test
    void deleteCollectionBySelector() {
        createJob("c1").then().statusCode(201);
        createJob("c2").then().statusCode(201);
        admin().queryParam("labelSelector", "app=c1").queryParam("propagationPolicy", "Background").delete(jobs()).then().statusCode(200)
                .body("kind", equalTo("JobList")).body("items.metadata.name", equalTo(java.util.List.of("c1")));
        admin().get(jobs()).then().body("items.metadata.name", equalTo(java.util.List.of("c2")));
    }

    @Test
    void forbiddenForAUserWithoutRoles() {
        given().header("Authorization", "Bearer nobody-token").get(jobs()).then().statusCode(403)
                .body("reason", equalTo("Forbidden")).body("kind", equalTo("Status"));
    }

    @Test
    void tablesForKubectlGet() {
        createJob("t").then().statusCode(201);
        Response table = admin().accept("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .get(jobs());
        table.then().statusCode(200).body("kind", equalTo("Table")).body("apiVersion", equalTo("meta.k8s.io/v1"))
                .body("columnDefinitions.name", equalTo(java.util.List.of("Name", "Status", "Completions", "Duration",
                        "Age", "Containers", "Images", "Selector")))
                .body("rows[0].cells[0]", equalTo("t")).body("rows[0].cells[1]", equalTo("Running"))
                .body("rows[0].cells[2]", equalTo("0/1")).body("rows[0].object.kind", equalTo("PartialObjectMetadata"));
        admin().accept("application/json;as=Table;v=v1;g=meta.k8s.io").queryParam("includeObject", "Object")
                .get(jobs() + "/t").then().body("rows", hasSize(1)).body("rows[0].object.kind", equalTo("Job"));
        admin().accept("application/json;as=Table;v=v1;g=meta.k8s.io").get("/api/v1/namespaces/" + ns + "/pods")
                .then().body("columnDefinitions.name", equalTo(java.util.List.of("Name", "Ready", "Status", "Restarts",
                        "Age", "IP", "Node", "Nominated Node", "Readiness Gates")));
    }

    @Test
    void watchStreamsEventsFromAResourceVersion() throws Exception {
        String rv = admin().get(jobs()).path("metadata.resourceVersion");
        createJob("w1").then().statusCode(201);
        admin().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"x\":\"1\"}}}")
                .patch(jobs() + "/w1").then().statusCode(200);
        String stream = admin().queryParam("watch", "true").queryParam("resourceVersion", rv)
                .queryParam("timeoutSeconds", 2).get(jobs()).then().statusCode(200).extract().asString();
        String[] lines = stream.trim().split("\n");
        assertEquals(2, lines.length, stream);
        assertEquals("ADDED", io.batchplane.apiserver.resource.Json.MAPPER.readTree(lines[0]).path("type").asText());
        assertEquals("MODIFIED", io.batchplane.apiserver.resource.Json.MAPPER.readTree(lines[1]).path("type").asText());
        String initial = admin().queryParam("watch", "1").queryParam("timeoutSeconds", 1).get(jobs())
                .then().statusCode(200).extract().asString();
        assertEquals("ADDED", io.batchplane.apiserver.resource.Json.MAPPER.readTree(initial.trim()).path("type").asText());
    }
}
