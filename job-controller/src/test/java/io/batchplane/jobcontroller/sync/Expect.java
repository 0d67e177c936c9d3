package io.batchplane.jobcontroller.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The expected parts of a {@link SyncPlan}; only what a case states is checked. */
final class Expect {
    private Integer creations;
    private List<Integer> createdIndexes;
    private Integer deletions;
    private Boolean deletionsKeepFinalizer;
    private Integer finalizerRemovals;
    private boolean noStatus;
    private Integer active;
    private Integer ready;
    private Integer terminating;
    private Integer succeeded;
    private Integer failed;
    private List<String> conditions;
    private List<String> events;
    private Duration requeue;
    private boolean noRequeue;
    private String completedIndexes;
    private String failedIndexes;
    private List<Integer> uncounted;
    private final List<Consumer<SyncPlan>> extra = new ArrayList<>();

    static Expect expect() {
        return new Expect();
    }

    Expect creates(int n) {
        creations = n;
        return this;
    }

    Expect createsIndexes(Integer... indexes) {
        createdIndexes = List.of(indexes);
        creations = indexes.length;
        return this;
    }

    Expect deletes(int n, boolean keepFinalizer) {
        deletions = n;
        deletionsKeepFinalizer = n == 0 ? null : keepFinalizer;
        return this;
    }

    Expect releases(int n) {
        finalizerRemovals = n;
        return this;
    }

    Expect noStatusWrite() {
        noStatus = true;
        return this;
    }

    Expect counts(int active, int ready, int terminating, int succeeded, int failed) {
        this.active = active;
        this.ready = ready;
        this.terminating = terminating;
        this.succeeded = succeeded;
        this.failed = failed;
        return this;
    }

    /** Conditions as "Type=Status/Reason", in order. */
    Expect conditions(String... c) {
        conditions = List.of(c);
        return this;
    }

    Expect events(String... reasons) {
        events = List.of(reasons);
        return this;
    }

    Expect requeue(Duration d) {
        requeue = d;
        return this;
    }

    Expect noRequeue() {
        noRequeue = true;
        return this;
    }

    Expect indexes(String completed, String failed) {
        completedIndexes = completed;
        failedIndexes = failed;
        return this;
    }

    /** Sizes of uncountedTerminatedPods succeeded and failed. */
    Expect uncounted(int succeeded, int failed) {
        uncounted = List.of(succeeded, failed);
        return this;
    }

    Expect and(Consumer<SyncPlan> check) {
        extra.add(check);
        return this;
    }

    void verify(SyncPlan plan) {
        if (creations != null) {
            assertEquals(creations, plan.creations().size(), "creations");
        }
        if (createdIndexes != null) {
            assertEquals(createdIndexes, plan.creations().stream().map(SyncPlan.PodCreation::index).toList(), "created indexes");
        }
        if (deletions != null) {
            assertEquals(deletions, plan.deletions().size(), "deletions");
        }
        if (deletionsKeepFinalizer != null) {
            assertTrue(plan.deletions().stream().allMatch(d -> d.removeFinalizerFirst() != deletionsKeepFinalizer),
                    "deletions keep finalizer = " + deletionsKeepFinalizer);
        }
        if (finalizerRemovals != null) {
            assertEquals(finalizerRemovals, plan.finalizerRemovals().size(), "finalizer removals");
        }
        if (noStatus) {
            assertFalse(plan.status().isPresent(), "no status write expected, got " + plan.status());
        }
        if (events != null) {
            assertEquals(events, plan.events().stream().map(SyncPlan.JobEvent::reason).toList(), "events");
        }
        if (requeue != null) {
            assertEquals(requeue, plan.requeueAfter().orElse(null), "requeue");
        }
        if (noRequeue) {
            assertEquals(null, plan.requeueAfter().orElse(null), "requeue");
        }
        extra.forEach(c -> c.accept(plan));
        boolean statusChecks = active != null || conditions != null || completedIndexes != null || uncounted != null;
        if (!statusChecks) {
            return;
        }
        assertTrue(plan.status().isPresent(), "status write expected");
        JobStatus s = plan.status().get();
        if (active != null) {
            assertEquals(active, s.getActive(), "active");
            assertEquals(ready, s.getReady(), "ready");
            assertEquals(terminating, s.getTerminating(), "terminating");
            assertEquals(succeeded, s.getSucceeded(), "succeeded");
            assertEquals(failed, s.getFailed(), "failed");
        }
        if (conditions != null) {
            assertEquals(conditions, s.getConditions().stream()
                    .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason()).toList(), "conditions");
        }
        if (completedIndexes != null) {
            assertEquals(completedIndexes, s.getCompletedIndexes(), "completedIndexes");
            assertEquals(failedIndexes, s.getFailedIndexes(), "failedIndexes");
        }
        if (uncounted != null) {
            assertEquals(uncounted.get(0), s.getUncountedTerminatedPods().getSucceeded().size(), "uncounted succeeded");
            assertEquals(uncounted.get(1), s.getUncountedTerminatedPods().getFailed().size(), "uncounted failed");
        }
    }
}
