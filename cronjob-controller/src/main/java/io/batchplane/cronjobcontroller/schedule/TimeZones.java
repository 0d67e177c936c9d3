package io.batchplane.cronjobcontroller.schedule;

import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a CronJob {@code timeZone} the way upstream's time zone database lookup does: an IANA
 * zone name (including {@code UTC} and {@code Etc/...}) is known; fixed offsets such as
 * {@code +02:00}, Java-only short ids and the empty string are not.
 */
public final class TimeZones {

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private TimeZones() {
    }

    /** The zone named {@code name}, or empty when the name is not an IANA zone. */
    public static Optional<ZoneId> load(String name) {
        if (name == null || !KNOWN.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(name));
    }
}
