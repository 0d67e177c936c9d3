package io.batchplane.kubelet.isolation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A container's cgroup v1 settings from its {@code resources}, as the kubelet derives them:
 * {@code memory.limit_in_bytes} = {@code limits.memory} (rounded up to whole bytes); CFS quota =
 * {@code limits.cpu} in millicores × period / 1000 with the 100 ms period, at least 1 ms;
 * {@code cpu.shares} = {@code requests.cpu} (else {@code limits.cpu}) in millicores × 1024 / 1000, at
 * least 2 (2 when neither is set). Absent limits: no limit.
 */
public record CgroupLimits(OptionalLong memoryBytes, OptionalLong cpuQuotaMicros, long cpuShares) {

    public static final long CPU_PERIOD_MICROS = 100_000;
    static final long MIN_QUOTA_MICROS = 1_000;
    static final long MIN_SHARES = 2;

    public static CgroupLimits of(Container c) {
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        OptionalLong memory = amount(limits, "memory").map(b -> OptionalLong.of(b.setScale(0, RoundingMode.CEILING).longValueExact()))
                .orElse(OptionalLong.empty());
        OptionalLong quota = amount(limits, "cpu").map(cpu -> OptionalLong.of(Math.max(MIN_QUOTA_MICROS,
                milli(cpu) * CPU_PERIOD_MICROS / 1000))).orElse(OptionalLong.empty());
        long shares = amount(requests, "cpu").or(() -> amount(limits, "cpu"))
                .map(cpu -> Math.max(MIN_SHARES, milli(cpu) * 1024 / 1000)).orElse(MIN_SHARES);
        return new CgroupLimits(memory, quota, shares);
    }

    private static long milli(BigDecimal cores) {
        return cores.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static java.util.Optional<BigDecimal> amount(Map<String, Quantity> set, String name) {
        Quantity q = set == null ? null : set.get(name);
        return q == null ? java.util.Optional.empty() : java.util.Optional.of(Quantity.getAmountInBytes(q));
    }
}
