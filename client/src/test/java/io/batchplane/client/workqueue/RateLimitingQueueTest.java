package io.batchplane.client.workqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.client.clock.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimitingQueueTest {

    private final FakeClock clock = new FakeClock();
    private final RateLimitingQueue<String> queue = new RateLimitingQueue<>(clock);

    private List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String k = queue.tryGet(); k != null; k = queue.tryGet()) {
            out.add(k);
            queue.done(k);
        }
        return out;
    }

    @Test
    void queuedKeysAreDeduplicatedAndKeepFifoOrder() {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        queue.add("c");
        queue.add("b");
        assertEquals(3, queue.len());
        assertEquals(List.of("a", "b", "c"), drain());
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnlyAfterDone() {
        queue.add("a");
        String k = queue.tryGet();
        queue.add("a");
        queue.add("a");
        assertNull(queue.tryGet(), "no second worker may take a key being processed");
        queue.done(k);
        assertEquals("a", queue.tryGet());
        queue.done("a");
        assertNull(queue.tryGet(), "re-adds while processing collapse into one");
    }

    @Test
    void addAfterReleasesKeysInDueOrderOnTheClock() {
        queue.addAfter("late", Duration.ofSeconds(3));
        queue.addAfter("early", Duration.ofSeconds(1));
        queue.addAfter("mid", Duration.ofSeconds(2));
        queue.addAfter("now", Duration.ZERO);
        assertEquals(List.of("now"), drain());
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), drain());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("early", "mid", "late"), drain());
    }

    @Test
    void aKeyParkedTwiceKeepsTheEarlierTime() {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(2));
        queue.addAfter("a", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a"), drain());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(), drain(), "the replaced later times do not fire again");
        assertEquals(0, clock.pendingTimers());
    }

    @Test
    void addRateLimitedBacksOffPerKeyUntilForgotten() {
        record Step(String name, Duration advance, List<String> expected) {
        }
        queue.addRateLimited("a");
        queue.addRateLimited("a");
        queue.addRateLimited("a");
        assertEquals(3, queue.numRequeues("a"));
        // The first call parks "a" for 5 ms; the later, longer ones keep the earlier time.
        for (Step s : List.of(new Step("before 5ms", Duration.ofMillis(4), List.of()),
                new Step("at 5ms", Duration.ofMillis(1), List.of("a")))) {
            clock.advance(s.advance);
            assertEquals(s.expected, drain(), s.name);
        }
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(39));
        assertEquals(List.of(), drain(), "fourth failure waits 40 ms");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("a"), drain());
        queue.forget("a");
        assertEquals(0, queue.numRequeues("a"));
        queue.addRateLimited("a");
        clock.advance(Duration.ofMillis(5));
        assertEquals(List.of("a"), drain());
    }

    @Test
    void getBlocksUntilAKeyArrivesAndShutdownReleasesWorkers() throws Exception {
        AtomicReference<String> got = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                got.set(queue.get());
                queue.done(got.get());
                got.set(got.get() + "," + queue.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        worker.start();
        queue.add("x");
        queue.addAfter("parked", Duration.ofSeconds(1));
        Thread.sleep(50);
        queue.shutdown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("x,null", got.get());
        queue.add("y");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0, queue.len(), "adds after shutdown and parked keys are dropped");
    }

    @Test
    void concurrentWorkersNeverHoldTheSameKeyAtOnce() throws Exception {
        java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger processed = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                try {
                    for (String k = queue.get(); k != null; k = queue.get()) {
                        if (!held.add(k)) {
                            overlaps.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        held.remove(k);
                        processed.incrementAndGet();
                        queue.done(k);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            workers.add(t);
        }
        for (int i = 0; i < 20_000; i++) {
            queue.add("k" + (i % 3));
        }
        while (queue.len() > 0) {
            Thread.sleep(1);
        }
        queue.shutdown();
        for (Thread t : workers) {
            t.join(5_000);
        }
        assertEquals(0, overlaps.get());
        assertTrue(processed.get() >= 3 && processed.get() <= 20_000, "adds collapse: " + processed.get());
    }

    @Test
    void shutdownLetsWorkersDrainWhatIsQueued() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.shutdown();
        assertEquals("a", queue.get());
        assertEquals("b", queue.get());
        assertNull(queue.get());
        assertNull(queue.poll(Duration.ofMillis(1)));
    }
}
