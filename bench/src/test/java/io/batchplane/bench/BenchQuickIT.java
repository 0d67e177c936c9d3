package io.batchplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's quick mode, as CI runs it: every scenario must run to the end with the right
 * outcome (the Job Complete with every index succeeded once, every small Job complete, every stored
 * pod listed and cached). Timings are printed, never judged.
 */
class BenchQuickIT {

    @Test
    void everyScenarioCompletesCorrectly() throws Exception {
        Sizes sizes = Sizes.QUICK;
        Bench.Report report = Bench.run(sizes, Bench.ALL, null);
        System.out.println(Bench.table(report));

        StoreBenchmark.Result store = report.store();
        for (String[] row : store.rows()) {
            assertTrue(Double.parseDouble(row[1]) > 0 && Double.parseDouble(row[2]) > 0, "ran: " + String.join(" ", row));
        }
        for (WatchLatency.Result w : store.watch()) {
            assertEquals((int) (200 * sizes.storeSeconds()) * w.watchers(), w.deliveries(),
                    "every watcher got every object");
        }

        for (WholeJob.Result job : new WholeJob.Result[] {report.wholeJob(), report.warmJob()}) {
            assertTrue(job.complete(), "the Indexed Job is Complete");
            assertEquals(sizes.completions(), job.succeeded());
            assertEquals("0-" + (sizes.completions() - 1), job.completedIndexes());
            assertEquals(sizes.completions(), job.podsSeen(), "one pod per index (none failed)");
            assertEquals(0, job.podsWithFinalizer(), "every tracking finalizer removed");
            assertEquals(sizes.completions(), job.createdToSucceeded().count(), "every pod's lifecycle was seen");
            assertTrue(job.writesPerPod() > 0, "the API server counts its writes");
        }

        SmallJobs.Result small = report.smallJobs();
        assertEquals(sizes.smallJobs(), small.completed(), "every small Job completed");

        FanOut.Result fan = report.fanOut();
        assertEquals(sizes.storedPods(), fan.listed(), "the full list returns every stored pod");
        assertEquals(sizes.storedPods(), fan.informerPods(), "the informer caches every stored pod");
    }
}
