package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.e2e.ApiServers;
import io.batchplane.e2e.ServiceProcess;
import io.batchplane.e2e.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against a packaged API server: version, discovery, create/apply/replace/patch/
 * label/annotate/delete of Jobs and Pods, server-side printing, watch, and the errors users see.
 */
class KubectlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: %s
              labels:
                app: %s
            spec:
              backoffLimit: 4
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: pi
                    image: perl:5.34.0
                    command: ["perl", "-e", "print 1"]
            """;

    private static ApiServers.Instance api;
    private static Kubectl kubectl;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        String server = TestDatabase.serverUrl();
        Assumptions.assumeTrue(server != null, "BATCHPLANE_TEST_DB_URL names no PostgreSQL server");
        Assumptions.assumeTrue(Kubectl.available(), "no kubectl on the PATH");
        dir = Files.createTempDirectory("bp-kubectl");
        int https = ServiceProcess.freePort();
        ApiServers servers = new ApiServers(dir, TestDatabase.fresh(server).url(), Kubectl.tlsProperties(dir, https));
        api = servers.start("api-server-kubectl");
        kubectl = Kubectl.forServer(dir, https);
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.process().close();
        }
    }

    private static Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertEquals(0, r.exit(), () -> "kubectl " + String.join(" ", args) + " failed:\n" + r.both());
        return r;
    }

    private static Kubectl.Result fails(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertTrue(r.exit() != 0, () -> "kubectl " + String.join(" ", args) + " should fail:\n" + r.both());
        return r;
    }

    private static JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).out());
    }

    @Test
    void versionAndApiResources() {
        assertTrue(ok("version").out().contains("Server Version: v1.32.0-batchplane"));
        String resources = ok("api-resources").out();
        assertTrue(resources.matches("(?s).*jobs\\s+batch/v1\\s+true\\s+Job.*"), resources);
        assertTrue(resources.matches("(?s).*pods\\s+po\\s+v1\\s+true\\s+Pod.*"), resources);
    }

    @Test
    void createGetAndOutputFormats() throws Exception {
        Path job = file("create.yaml", JOB.formatted("created", "created"));
        assertEquals("job.batch/created created", ok("create", "-f", job.toString()).out().trim());
        List<String> lines = ok("get", "jobs", "created").out().lines().toList();
        assertEquals(List.of("NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"), List.of(lines.get(0).trim().split("\\s+")));
        assertTrue(lines.get(1).matches("created\\s+Running\\s+0/1\\s+\\S+"), lines.get(1));
        String wide = ok("get", "jobs", "created", "-o", "wide").out();
        assertTrue(wide.lines().findFirst().orElseThrow().matches("NAME\\s+STATUS\\s+COMPLETIONS\\s+DURATION\\s+AGE\\s+"
                + "CONTAINERS\\s+IMAGES\\s+SELECTOR\\s*"), wide);
        JsonNode object = json("get", "job", "created", "-o", "json");
        assertEquals("Job", object.path("kind").asText());
        assertEquals(4, object.path("spec").path("backoffLimit").asInt());
        assertTrue(ok("get", "job", "created", "-o", "yaml").out().contains("kind: Job"));
        assertTrue(fails("create", "-f", job.toString()).err().contains("AlreadyExists"));
        assertTrue(fails("get", "job", "missing").err().contains("Error from server (NotFound): jobs.batch \"missing\" not found"));
    }

    @Test
    void applyCreatesThenConfiguresThenLeavesUnchanged() throws Exception {
        Path job = file("apply.yaml", JOB.formatted("applied", "applied"));
        assertEquals("job.batch/applied created", ok("apply", "-f", job.toString()).out().trim());
        Files.writeString(job, JOB.formatted("applied", "applied").replace("app: applied", "app: applied\n    tier: batch"));
        assertEquals("job.batch/applied configured", ok("apply", "-f", job.toString()).out().trim());
        assertEquals("job.batch/applied unchanged", ok("apply", "-f", job.toString()).out().trim());
        assertEquals("batch", json("get", "job", "applied", "-o", "json").path("metadata").path("labels").path("tier").asText());
    }

    @Test
    void labelAnnotateAndPatchOfEveryType() throws Exception {
        ok("create", "-f", file("label.yaml", JOB.formatted("labelled", "labelled")).toString());
        assertEquals("job.batch/labelled labeled", ok("label", "job", "labelled", "tier=a").out().trim());
        assertEquals("job.batch/labelled annotated", ok("annotate", "job", "labelled", "note=hi").out().trim());
        ok("patch", "job", "labelled", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"m\":\"1\"}}}");
        ok("patch", "job", "labelled", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"2\"}]");
        ok("patch", "job", "labelled", "--type=strategic", "-p", "{\"metadata\":{\"labels\":{\"s\":\"3\"}}}");
        JsonNode labels = json("get", "job", "labelled", "-o", "json").path("metadata").path("labels");
        assertEquals("a|1|2|3", String.join("|", labels.path("tier").asText(), labels.path("m").asText(),
                labels.path("j").asText(), labels.path("s").asText()));
        ok("label", "job", "labelled", "tier-");
        assertTrue(json("get", "job", "labelled", "-o", "json").path("metadata").path("labels").path("tier").isMissingNode());
        ok("create", "-f", file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: two
                spec:
                  containers:
                  - name: a
                    image: busybox:1
                  - name: b
                    image: busybox:1
                """).toString());
        ok("patch", "pod", "two", "-p", "{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"busybox:2\"}]}}");
        JsonNode containers = json("get", "pod", "two", "-o", "json").path("spec").path("containers");
        assertEquals("a=busybox:1,b=busybox:2", containers.get(0).path("name").asText() + "="
                + containers.get(0).path("image").asText() + "," + containers.get(1).path("name").asText() + "="
                + containers.get(1).path("image").asText());
        List<String> pods = ok("get", "pods").out().lines().toList();
        assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"), List.of(pods.get(0).trim().split("\\s+")));
        assertTrue(pods.get(1).matches("two\\s+0/2\\s+Pending\\s+0\\s+\\S+"), pods.get(1));
    }

    @Test
    void editSendsAStrategicMergePatch() throws Exception {
        ok("create", "-f", file("edit.yaml", JOB.formatted("edited", "before")).toString());
        Kubectl.Result edit = kubectl.run(java.util.Map.of("KUBE_EDITOR", "sed -i s/app:\\ before/app:\\ after/"),
                "edit", "job", "edited");
        assertEquals("job.batch/edited edited", edit.out().trim(), edit.both());
        assertEquals("after", json("get", "job", "edited", "-o", "json").path("metadata").path("labels").path("app").asText());
    }

    @Test
    void replaceAndStaleReplaceIsAConflict() throws Exception {
        ok("create", "-f", file("replace.yaml", JOB.formatted("replaced", "replaced")).toString());
        ObjectNode job = (ObjectNode) json("get", "job", "replaced", "-o", "json");
        job.with("metadata").with("labels").put("replaced", "yes");
        Path current = file("replace.json", JSON.writeValueAsString(job));
        assertEquals("job.batch/replaced replaced", ok("replace", "-f", current.toString()).out().trim());
        Kubectl.Result stale = fails("replace", "-f", current.toString());
        assertTrue(stale.err().contains("Error from server (Conflict)") && stale.err().contains(
                "Operation cannot be fulfilled on jobs.batch \"replaced\": the object has been modified"), stale.err());
    }

    @Test
    void deleteWithEachCascadeMode() throws Exception {
        for (String mode : List.of("orphan", "background", "foreground")) {
            String name = "cascade-" + mode;
            ok("create", "-f", file(name + ".yaml", JOB.formatted(name, name)).toString());
            assertEquals("job.batch \"" + name + "\" deleted",
                    ok("delete", "job", name, "--cascade=" + mode, "--timeout=30s").out().trim());
            assertTrue(fails("get", "job", name).err().contains("NotFound"));
        }
    }

    @Test
    void invalidAndUnknownFieldsAreReported() throws Exception {
        Path bad = file("bad.yaml", JOB.formatted("bad", "bad").replace("restartPolicy: Never", "restartPolicy: Always")
                .replace("backoffLimit: 4", "backoffLimit: -1"));
        String err = fails("create", "-f", bad.toString()).err();
        assertTrue(err.contains("The Job \"bad\" is invalid"), err);
        assertTrue(err.contains("spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"), err);
        assertTrue(err.contains("spec.template.spec.restartPolicy"), err);
        Path unknown = file("unknown.yaml", JOB.formatted("unknown", "unknown").replace("backoffLimit: 4",
                "backoffLimit: 4\n  bogus: 1"));
        assertTrue(fails("create", "-f", unknown.toString()).err().contains(
                "strict decoding error: unknown field \"spec.bogus\""));
        Kubectl.Result warned = ok("create", "-f", unknown.toString(), "--validate=warn");
        assertTrue(warned.err().contains("unknown field \"spec.bogus\""), warned.both());
    }

    @Test
    void watchPrintsChanges() throws Exception {
        ok("create", "-f", file("watch.yaml", JOB.formatted("watched", "watched")).toString());
        Process watch = kubectl.start("get", "jobs", "watched", "-w", "--output-watch-events");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            String header = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(header != null && header.trim().startsWith("EVENT"), String.valueOf(header));
            String added = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(added != null && added.matches("ADDED\\s+watched\\s+Running.*"), String.valueOf(added));
            ok("label", "job", "watched", "seen=yes");
            String modified = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(modified != null && modified.matches("MODIFIED\\s+watched\\s+Running.*"), String.valueOf(modified));
            ok("delete", "job", "watched", "--cascade=background");
            String deleted = lines.poll(30, TimeUnit.SECONDS);
            assertTrue(deleted != null && deleted.startsWith("DELETED"), String.valueOf(deleted));
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void imperativeCreateSendsProtobuf() throws Exception {
        assertEquals("namespace/proto created", ok("create", "namespace", "proto").out().trim());
        assertEquals("Active", json("get", "namespace", "proto", "-o", "json").path("status").path("phase").asText());
        assertEquals("job.batch/imperative created",
                ok("create", "job", "imperative", "--image=busybox", "-n", "proto", "--", "echo", "hi").out().trim());
        JsonNode container = json("get", "job", "imperative", "-n", "proto", "-o", "json")
                .path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("busybox echo,hi", container.path("image").asText() + " " + container.path("command").get(0).asText()
                + "," + container.path("command").get(1).asText());
        assertEquals("cronjob.batch/every5 created", ok("create", "cronjob", "every5", "--image=busybox", "-n", "proto",
                "--schedule=*/5 * * * *", "--", "echo", "hi").out().trim());
        List<String> cronJobs = ok("get", "cronjobs", "-n", "proto").out().lines().toList();
        assertEquals("NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE", cronJobs.get(0).trim().replaceAll("\\s+", " "));
        assertTrue(cronJobs.get(1).matches("every5\\s+\\*/5 \\* \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+<none>\\s+\\S+"),
                cronJobs.get(1));
        assertEquals("job.batch/manual created", ok("create", "job", "manual", "--from=cronjob/every5", "-n", "proto")
                .out().trim());
        assertEquals("CronJob", json("get", "job", "manual", "-n", "proto", "-o", "json").path("metadata")
                .path("ownerReferences").get(0).path("kind").asText());
    }
}
