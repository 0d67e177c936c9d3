package io.batchplane.client.leaderelection;

import java.time.Duration;

/**
 * Where and how to elect a leader, with upstream client-go's meaning and defaults:
 * <ul>
 * <li>{@code leaseDuration} (15 s): how long candidates wait, from the last change they observed of
 * the Lease, before they may take it over;</li>
 * <li>{@code renewDeadline} (10 s): how long the leader keeps retrying a failed renewal before it
 * gives up leadership;</li>
 * <li>{@code retryPeriod} (2 s): the pause between attempts;</li>
 * <li>{@code releaseOnStop}: on {@link LeaderElector#stop()}, hand the Lease back at once instead of
 * letting it expire.</li>
 * </ul>
 * Requires leaseDuration &gt; renewDeadline &gt; retryPeriod &gt; 0, so a leader gives up before anyone
 * else may take over.
 */
public record LeaderElectionConfig(String leaseNamespace, String leaseName, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, boolean releaseOnStop) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    public LeaderElectionConfig {
        if (leaseName == null || leaseName.isEmpty() || identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("lease name and identity are required");
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("retryPeriod must be positive");
        }
        if (renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
        }
    }

    /** Upstream defaults, releasing the Lease on stop. */
    public static LeaderElectionConfig defaults(String leaseNamespace, String leaseName, String identity) {
        return new LeaderElectionConfig(leaseNamespace, leaseName, identity, DEFAULT_LEASE_DURATION,
                DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD, true);
    }
}
