package io.batchplane.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling for end-to-end tests: the state of a running system arrives when it arrives. */
public final class Await {

    private Await() {
    }

    /** Polls {@code probe} until it returns non-null, and returns that; fails after {@code timeout}. */
    public static <T> T until(Duration timeout, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout);
    }
}
