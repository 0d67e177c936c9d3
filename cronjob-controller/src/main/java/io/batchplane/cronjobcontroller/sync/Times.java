package io.batchplane.cronjobcontroller.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps (RFC 3339 strings on the model) to and from {@link Instant}. */
final class Times {

    private Times() {
    }

    /** The instant {@code rfc3339} names, or null for null/empty. */
    static Instant parse(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    /** {@code t} as Kubernetes serializes a {@code metav1.Time}: UTC, whole seconds. */
    static String format(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
