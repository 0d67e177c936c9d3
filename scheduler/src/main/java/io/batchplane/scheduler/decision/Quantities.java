package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reads Kubernetes resource quantities ({@code 100m}, {@code 1}, {@code 1.5}, {@code 512Mi},
 * {@code 1G}, {@code 1e3}) as the integers the scheduler counts in: CPU in millicores and memory
 * (and any other resource) in whole units. Fractions round up, as Kubernetes' {@code MilliValue()} and
 * {@code Value()} do, so a request is never under-counted. Parsing is fabric8's
 * {@link Quantity#getNumericalAmount()}, which knows the binary (Ki, Mi, ...) and decimal (k, M, G, m,
 * exponent) suffixes.
 */
public final class Quantities {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    /** The quantity in thousandths of a unit (CPU millicores), rounded up; null reads as 0. */
    public static long milliValue(Quantity q) {
        return q == null ? 0 : ceil(amount(q).multiply(THOUSAND));
    }

    /** The quantity in whole units (memory bytes, pod counts), rounded up; null reads as 0. */
    public static long value(Quantity q) {
        return q == null ? 0 : ceil(amount(q));
    }

    /** {@link #milliValue(Quantity)} of a quantity string such as {@code 250m}. */
    public static long milliValue(String q) {
        return milliValue(new Quantity(q));
    }

    /** {@link #value(Quantity)} of a quantity string such as {@code 512Mi}. */
    public static long value(String q) {
        return value(new Quantity(q));
    }

    private static BigDecimal amount(Quantity q) {
        try {
            return q.getNumericalAmount();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid quantity \"" + q + "\"", e);
        }
    }

    private static long ceil(BigDecimal d) {
        return d.setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
