package io.batchplane.jobcontroller.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps: RFC 3339 text with whole seconds, as {@code metav1.Time} serialises. */
public final class Times {
    private Times() {
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
