package io.batchplane.client.events;

import io.batchplane.client.clock.Clock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits how many Events one source may record about one object, as the upstream event recorder's
 * spam filter does: each (source component and host, involved object) has a token bucket holding
 * {@code burst} tokens, refilled at one token per {@code refillEvery}; an Event that finds the
 * bucket empty is dropped instead of written. With the upstream defaults (25, one per 5 minutes) a
 * Job controller creating 10,000 pods of one Job writes 25 {@code SuccessfulCreate} Events, not
 * 10,000 — and, as upstream, the key ignores the reason, so later Events about that Job share the
 * bucket. Buckets are kept for the {@code cacheSize} most recently used keys.
 */
public final class EventSpamFilter {

    public static final int DEFAULT_BURST = 25;
    public static final Duration DEFAULT_REFILL = Duration.ofMinutes(5);
    public static final int DEFAULT_CACHE_SIZE = 4096;

    private final Clock clock;
    private final int burst;
    private final Duration refillEvery;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        Instant last;

        Bucket(double tokens, Instant last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public EventSpamFilter(Clock clock, int burst, Duration refillEvery, int cacheSize) {
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero() || cacheSize < 1) {
            throw new IllegalArgumentException("burst, refill interval and cache size must be positive");
        }
        this.clock = clock;
        this.burst = burst;
        this.refillEvery = refillEvery;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** The upstream defaults: burst 25, one more every 5 minutes, 4096 keys. */
    public EventSpamFilter(Clock clock) {
        this(clock, DEFAULT_BURST, DEFAULT_REFILL, DEFAULT_CACHE_SIZE);
    }

    /** Whether {@code event} may be written now; taking its token if so. */
    public synchronized boolean allow(Event event) {
        Instant now = clock.now();
        Bucket bucket = buckets.computeIfAbsent(key(event), k -> new Bucket(burst, now));
        if (now.isAfter(bucket.last)) {
            double refilled = (double) Duration.between(bucket.last, now).toNanos() / refillEvery.toNanos();
            bucket.tokens = Math.min(burst, bucket.tokens + refilled);
            bucket.last = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return true;
        }
        return false;
    }

    /** Source component and host, and the involved object's kind, namespace, name, uid and API version. */
    static String key(Event event) {
        EventSource source = event.getSource() == null ? new EventSource() : event.getSource();
        ObjectReference o = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        return String.join("\u0000", nz(source.getComponent()), nz(source.getHost()), nz(o.getKind()),
                nz(o.getNamespace()), nz(o.getName()), nz(o.getUid()), nz(o.getApiVersion()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
