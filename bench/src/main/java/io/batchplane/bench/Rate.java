package io.batchplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Runs N client loops for a fixed time and reports completed operations per second. */
final class Rate {

    /** One client's loop body: performs one operation; returns false when it has nothing left to do. */
    interface Operation {
        boolean run(int client, long sequence) throws Exception;
    }

    private Rate() {
    }

    static double measure(int clients, double seconds, Operation operation) throws Exception {
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long sequence = 0;
                while (System.nanoTime() < deadline) {
                    if (!operation.run(client, sequence++)) {
                        break;
                    }
                    done.increment();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return done.sum() / elapsed;
    }
}
