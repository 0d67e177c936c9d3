package io.batchplane.e2e.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchplane.e2e.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite as separate processes (API server, job, TTL and CronJob controllers, scheduler,
 * one node agent with the simulated runtime), driven with the real kubectl: CronJob concurrency
 * and history limits over real minutes, and TTL-after-finished on a Job that runs on the node.
 */
class CronJobSuiteIT {

    private static KubectlSuite suite;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        LinkedHashMap<String, Map<String, String>> components = new LinkedHashMap<>();
        components.put("kubelet-agent", Map.of());
        components.put("scheduler", Map.of());
        components.put("job-controller", Map.of());
        components.put("ttl-controller", Map.of());
        components.put("cronjob-controller", Map.of("batchplane.cronjob-controller.default-time-zone", "UTC"));
        suite = KubectlSuite.start("suite", components);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void forbidKeepsOneJobAndHistoryIsTrimmed() throws Exception {
        kubectl.apply("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: forbid}
                spec:
                  schedule: "* * * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      template:
                        metadata: {annotations: {sim.batchplane.io/duration: 10m}}
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: busybox, command: ["sleep", "600"]}]
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: history}
                spec:
                  schedule: "* * * * *"
                  successfulJobsHistoryLimit: 1
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: busybox, command: ["true"]}]
                """);
        Await.until(Duration.ofSeconds(100), () -> jobsOf("history").size() >= 1 ? true : null);
        String first = kubectl.json("get", "cronjob", "history", "-o", "json").path("status").path("lastScheduleTime").asText();
        Await.until(Duration.ofSeconds(100), () -> {
            String last = kubectl.json("get", "cronjob", "history", "-o", "json").path("status").path("lastScheduleTime").asText();
            return !last.equals(first) ? true : null;
        });
        Await.until(Duration.ofSeconds(30), () -> jobsOf("history").size() == 1 ? true : null);

        assertEquals(1, jobsOf("forbid").size(), "Forbid starts no second Job while the first runs");
        JsonNode forbid = kubectl.json("get", "cronjob", "forbid", "-o", "json");
        assertEquals(1, forbid.path("status").path("active").size());
        String table = kubectl.run("get", "cronjob", "forbid").out();
        assertTrue(table.contains("LAST SCHEDULE") && table.contains("ACTIVE"), table);
        String header = table.lines().findFirst().orElseThrow();
        String row = table.lines().filter(l -> l.startsWith("forbid")).findFirst().orElseThrow();
        assertEquals("1", column(header, row, "ACTIVE"), table);
        assertTrue(column(header, row, "LAST SCHEDULE").matches("\\d+s|\\d+m\\d*s?"), "LAST SCHEDULE is an age: " + table);
    }

    @Test
    void aJobWithTtlDisappearsWithItsPodsAfterItCompletes() throws Exception {
        kubectl.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: ephemeral}
                spec:
                  ttlSecondsAfterFinished: 5
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox, command: ["true"]}]
                """);
        Kubectl.Result waited = kubectl.run("wait", "--for=condition=complete", "job/ephemeral", "--timeout=60s");
        assertEquals(0, waited.exit(), waited.both());
        long completed = System.nanoTime();
        Await.until(Duration.ofSeconds(60), () -> kubectl.run("get", "job", "ephemeral").exit() != 0 ? true : null);
        long seconds = (System.nanoTime() - completed) / 1_000_000_000L;
        assertTrue(seconds >= 3, "deleted after its TTL, not before: " + seconds + " s");
        Await.until(Duration.ofSeconds(30), () -> kubectl.json("get", "pods", "-l", "batch.kubernetes.io/job-name=ephemeral", "-o",
                "json").path("items").isEmpty() ? true : null);
    }

    /** The cell of a kubectl table row under a header, by the header's column position. */
    private static String column(String header, String row, String name) {
        int start = header.indexOf(name);
        String rest = row.substring(Math.min(start, row.length()));
        return rest.split("\\s{2,}|\\s+$")[0].trim().split("\\s+")[0];
    }

    private static List<JsonNode> jobsOf(String cronJob) {
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode job : kubectl.json("get", "jobs", "-o", "json").path("items")) {
            if (job.path("metadata").path("name").asText().startsWith(cronJob + "-")) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
