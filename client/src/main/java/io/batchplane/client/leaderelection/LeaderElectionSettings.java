package io.batchplane.client.leaderelection;

import io.smallrye.config.WithDefault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code leader-election} config group every leader-elected component shares, with upstream
 * client-go / component-base defaults: enabled, Lease in {@code kube-system}, 15 s lease duration, 10 s
 * renew deadline, 2 s retry period, identity {@code <hostname>_<random uuid>}.
 *
 * <p>The Lease name differs per component, so this group gives it no default: a component's config
 * declares its group as a sub-interface that overrides {@link #leaseName()} with its own
 * {@code @WithDefault} (for example {@code job-controller}). Keys keep the component's prefix, e.g.
 * {@code batchplane.job-controller.leader-election.lease-duration}.
 */
public interface LeaderElectionSettings {

    /** Campaign for the Lease; when off the component works at once (a single replica only). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("kube-system")
    String leaseNamespace();

    /** The Lease's name; each component's sub-interface supplies the default. */
    String leaseName();

    /** This candidate's holder identity; default {@code <hostname>_<random uuid>}. */
    Optional<String> identity();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();

    /**
     * The elector's config for this candidate, releasing the Lease on stop so a successor need not
     * wait out the lease duration after an orderly shutdown.
     */
    default LeaderElectionConfig toConfig(String identity) {
        return new LeaderElectionConfig(leaseNamespace(), leaseName(), identity, leaseDuration(), renewDeadline(),
                retryPeriod(), true);
    }

    /** {@link #identity()} if set, else a fresh {@code <hostname>_<random uuid>} (as upstream components do). */
    default String resolveIdentity() {
        return identity().filter(id -> !id.isBlank()).orElseGet(LeaderElectionSettings::defaultIdentity);
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}
