package io.batchplane.apiserver.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Version, discovery, OpenAPI v3 and authentication of the REST API. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class RestDiscoveryTest {

    @Test
    void versionIsOpen() {
        given().get("/version").then().statusCode(200).body("major", equalTo("1")).body("minor", equalTo("32"));
    }

    @Test
    void everythingElseNeedsAValidBearerToken() {
        given().get("/api").then().statusCode(401).body("kind", equalTo("Status")).body("reason", equalTo("Unauthorized"));
        given().header("Authorization", "Bearer wrong").get("/apis/batch/v1/jobs").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46eA==").get("/apis").then().statusCode(401);
        given().get("/openapi/v3").then().statusCode(401);
    }

    @Test
    void discoveryListsServedKinds() {
        RestVerbsTest.admin().get("/api").then().statusCode(200).body("kind", equalTo("APIVersions"))
                .body("versions", equalTo(List.of("v1")));
        RestVerbsTest.admin().accept("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
                .get("/apis").then().statusCode(200).header("Content-Type", equalTo("application/json"))
                .body("kind", equalTo("APIGroupList")).body("groups.name", hasItems("batch", "coordination.k8s.io"));
        RestVerbsTest.admin().get("/apis/batch/v1").then().statusCode(200).body("groupVersion", equalTo("batch/v1"))
                .body("resources.name", hasItems("jobs", "jobs/status", "cronjobs", "cronjobs/status"))
                .body("resources.find { it.name == 'jobs' }.verbs", hasItems("create", "watch", "deletecollection"));
        RestVerbsTest.admin().get("/api/v1").then().statusCode(200)
                .body("resources.name", hasItems("pods", "pods/binding", "namespaces", "nodes", "events"))
                .body("resources.find { it.name == 'pods' }.shortNames", equalTo(List.of("po")));
        RestVerbsTest.admin().get("/apis/batch").then().statusCode(200).body("kind", equalTo("APIGroup"));
        RestVerbsTest.admin().get("/apis/apps/v1").then().statusCode(404);
    }

    @Test
    void openApiV3DocumentsCarryPatchWithFieldValidation() {
        JsonPath index = RestVerbsTest.admin().get("/openapi/v3").then().statusCode(200).extract().jsonPath();
        String url = index.getString("paths.'apis/batch/v1'.serverRelativeURL");
        JsonPath doc = RestVerbsTest.admin().get(url).then().statusCode(200).extract().jsonPath();
        Map<String, Object> patch = doc.getMap("paths.'/apis/batch/v1/namespaces/{namespace}/jobs/{name}'.patch");
        org.hamcrest.MatcherAssert.assertThat(patch.get("x-kubernetes-group-version-kind"),
                equalTo(Map.of("group", "batch", "version", "v1", "kind", "Job")));
        org.hamcrest.MatcherAssert.assertThat(doc.getList(
                "paths.'/apis/batch/v1/namespaces/{namespace}/jobs/{name}'.patch.parameters.name"), hasItem("fieldValidation"));
        org.hamcrest.MatcherAssert.assertThat(doc.get("components.schemas.'io.k8s.api.batch.v1.JobSpec'.properties.parallelism"),
                notNullValue());
        RestVerbsTest.admin().get("/openapi/v3/api/v1").then().statusCode(200)
                .body("components.schemas.'io.k8s.api.core.v1.PodSpec'.properties.containers.x-kubernetes-patch-merge-key",
                        equalTo("name"));
        RestVerbsTest.admin().get("/openapi/v3/apis/apps/v1").then().statusCode(404);
    }
}
