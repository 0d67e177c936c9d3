package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.Finalizers;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the decision in a loop against a simulated API server and kubelet, carrying out each plan in the documented
 * order but crashing the controller at random points (losing its memory) and letting finished pods vanish as soon as
 * their finalizer is gone. Every pod must be counted exactly once, every status write must pass the API server's
 * Job status rules, and the finished Job must leave no finalizer behind.
 */
class TrackingProtocolTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("NonIndexed, no crashes", false, "SFSFSSS", 0.0, 5, 2, 100, "Complete"),
                Arguments.of("NonIndexed, crashes at random steps", false, "SFSFSSS", 0.5, 5, 2, 100, "Complete"),
                Arguments.of("NonIndexed, many crashes, wide parallelism", false, "FFSSSFSSSS", 0.8, 7, 4, 100, "Complete"),
                Arguments.of("Indexed, no crashes", true, "SFSFSSS", 0.0, 5, 2, 100, "Complete"),
                Arguments.of("Indexed, crashes at random steps", true, "SFFSSSSS", 0.6, 5, 3, 100, "Complete"),
                Arguments.of("backoff limit reached, running pods killed and counted", false, "SFFFRRRR", 0.0, 6, 3, 2, "Failed"),
                Arguments.of("backoff limit reached with crashes", false, "SFFFRRRR", 0.6, 6, 3, 2, "Failed"),
                Arguments.of("Indexed backoff limit reached with crashes", true, "FSFFRRRR", 0.6, 6, 3, 2, "Failed"),
                Arguments.of("suspended and resumed mid-run, with crashes", false, "SRSFSSSS", 0.5, 5, 2, 100, "Complete"),
                Arguments.of("Indexed suspended and resumed mid-run", true, "SRRSFSSS", 0.3, 5, 3, 100, "Complete"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void countsEveryPodExactlyOnce(String name, boolean indexed, String outcomes, double crashRate, int completions,
                                   int parallelism, int backoffLimit, String terminal) {
        Sim sim = new Sim(indexed, completions, parallelism, outcomes, backoffLimit, new Random(name.hashCode()));
        boolean suspendMidRun = name.contains("suspended and resumed");
        for (int round = 0; round < 200 && !JobConditions.isFinished(sim.job); round++) {
            if (suspendMidRun && (round == 2 || round == 5)) {
                sim.job = new JobBuilder(sim.job).editSpec().withSuspend(round == 2).endSpec().build();
            }
            sim.sync(crashRate);
            sim.kubelet();
        }
        JobStatus s = sim.job.getStatus();
        assertTrue(JobConditions.isTrue(s.getConditions(), terminal), terminal + ": " + s.getConditions());
        assertEquals(sim.successesHappened, s.getSucceeded(), "succeeded counted once each");
        if (terminal.equals("Complete")) {
            assertEquals(completions, s.getSucceeded());
        } else {
            assertTrue(s.getFailed() > backoffLimit, "failed beyond the limit");
        }
        assertEquals(sim.failedUids.size(), s.getFailed(), "failed counted once each");
        sim.sync(0);
        assertTrue(sim.pods.values().stream().noneMatch(PodFacts::hasTrackingFinalizer), "no finalizer left behind");
    }

    /** An API server holding one Job and its pods, a kubelet that finishes pods from a script, and a controller. */
    static final class Sim {
        Job job;
        final Map<String, Pod> pods = new LinkedHashMap<>();
        final String outcomes;
        final Random random;
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        BackoffRecord backoff = BackoffRecord.NONE;
        int created;
        /** Pods that failed, or were killed while still tracked (the Job counts both as failed). */
        final Set<String> failedUids = new java.util.HashSet<>();
        int successesHappened;

        Sim(boolean indexed, int completions, int parallelism, String outcomes, int backoffLimit, Random random) {
            JobBuilder b = indexed ? Fixtures.indexedJob(completions, parallelism) : Fixtures.job()
                    .editSpec().withCompletions(completions).withParallelism(parallelism).endSpec();
            this.job = b.editSpec().withBackoffLimit(backoffLimit).endSpec().build();
            this.outcomes = outcomes;
            this.random = random;
        }

        void sync(double crashRate) {
            SyncPlan plan = JobSync.decide(job, List.copyOf(pods.values()), now, JobControllerConfig.defaults(),
                    new SyncState(true, Set.of(), backoff));
            int crashAt = random.nextDouble() < crashRate ? random.nextInt(3) : 3;
            for (SyncPlan.PodDeletion d : plan.deletions()) {
                Pod pod = pods.get(d.pod().uid());
                if (d.removeFinalizerFirst()) {
                    pod.getMetadata().setFinalizers(new ArrayList<>());
                } else if (!PodFacts.isSucceeded(pod)) {
                    failedUids.add(d.pod().uid());
                }
                pod.getMetadata().setDeletionTimestamp(now.toString());
            }
            for (SyncPlan.PodCreation c : plan.creations()) {
                Pod pod = new PodBuilder(c.pod()).editMetadata().withName("p" + created).withUid("uid-" + created)
                        .withCreationTimestamp(now.toString()).endMetadata().withNewStatus().withPhase("Pending").endStatus().build();
                created++;
                pods.put(pod.getMetadata().getUid(), pod);
            }
            collectGarbage();
            if (crashAt == 0) {
                backoff = BackoffRecord.NONE;
                return;
            }
            plan.status().ifPresent(this::writeStatus);
            if (crashAt == 1) {
                backoff = BackoffRecord.NONE;
                return;
            }
            for (SyncPlan.PodRef ref : plan.finalizerRemovals()) {
                Pod pod = pods.get(ref.uid());
                if (pod != null) {
                    pod.getMetadata().getFinalizers().remove(Finalizers.JOB_TRACKING);
                }
            }
            collectGarbage();
            backoff = crashAt == 2 ? BackoffRecord.NONE : plan.backoff();
        }

        /** The API server's status rules (the strict upstream validation). */
        void writeStatus(JobStatus next) {
            JobStatus prev = job.getStatus();
            assertTrue(PodCounting.nz(next.getSucceeded()) >= PodCounting.nz(prev.getSucceeded()), "succeeded never decreases");
            assertTrue(PodCounting.nz(next.getFailed()) >= PodCounting.nz(prev.getFailed()), "failed never decreases");
            assertTrue(PodCounting.nz(next.getReady()) <= PodCounting.nz(next.getActive()), "ready <= active");
            if (prev.getStartTime() != null && !Boolean.TRUE.equals(job.getSpec().getSuspend())) {
                assertEquals(prev.getStartTime(), next.getStartTime(), "startTime of an unsuspended Job never changes");
            }
            List<JobCondition> c = next.getConditions();
            boolean complete = JobConditions.isTrue(c, "Complete");
            boolean failed = JobConditions.isTrue(c, "Failed");
            assertFalse(complete && !JobConditions.isTrue(c, "SuccessCriteriaMet"), "SuccessCriteriaMet before Complete");
            assertFalse(failed && !JobConditions.isTrue(c, "FailureTarget"), "FailureTarget before Failed");
            assertEquals(complete, next.getCompletionTime() != null, "completionTime with Complete");
            assertFalse(complete && failed, "never both Complete and Failed");
            assertFalse(JobConditions.isTrue(c, "SuccessCriteriaMet") && JobConditions.isTrue(c, "FailureTarget"),
                    "never both SuccessCriteriaMet and FailureTarget");
            for (String type : List.of("Complete", "Failed", "FailureTarget", "SuccessCriteriaMet")) {
                assertFalse(JobConditions.isTrue(prev.getConditions(), type) && !JobConditions.isTrue(c, type), type + " stays");
            }
            if (complete || failed) {
                assertTrue(next.getStartTime() != null, "finished: startTime");
                assertEquals(0, next.getActive(), "finished: active");
                assertEquals(0, PodCounting.nz(next.getTerminating()), "finished: terminating");
                assertTrue(next.getUncountedTerminatedPods().getSucceeded().isEmpty()
                        && next.getUncountedTerminatedPods().getFailed().isEmpty(), "finished: uncounted");
            }
            job = new JobBuilder(job).withStatus(next).build();
        }

        /**
         * Finishes each running pod as the script says (one outcome per created pod: S, F, or R to keep running)
         * and starts pending ones; a pod being deleted ends as Failed.
         */
        void kubelet() {
            now = now.plus(Duration.ofMinutes(7));
            for (Pod pod : pods.values()) {
                String phase = pod.getStatus().getPhase();
                if (PodFacts.isBeingDeleted(pod) && !PodFacts.isTerminal(pod)) {
                    pod.getStatus().setPhase("Failed");
                    if (PodFacts.hasTrackingFinalizer(pod)) {
                        failedUids.add(pod.getMetadata().getUid());
                    }
                } else if ("Pending".equals(phase)) {
                    pod.getStatus().setPhase("Running");
                } else if ("Running".equals(phase)) {
                    int n = Integer.parseInt(pod.getMetadata().getName().substring(1));
                    char outcome = n < outcomes.length() ? outcomes.charAt(n) : 'S';
                    if (outcome != 'R') {
                        pod.getStatus().setPhase(outcome == 'F' ? "Failed" : "Succeeded");
                        if (outcome == 'F') {
                            failedUids.add(pod.getMetadata().getUid());
                        }
                        successesHappened += outcome == 'F' ? 0 : 1;
                    }
                }
            }
            collectGarbage();
        }

        /** A pod without finalizers disappears once it is terminal or being deleted. */
        void collectGarbage() {
            pods.values().removeIf(p -> !PodFacts.hasTrackingFinalizer(p) && (PodFacts.isTerminal(p) || PodFacts.isBeingDeleted(p)));
        }
    }
}
