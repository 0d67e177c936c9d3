package io.batchplane.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared group, mapped the way a component maps it: under its own prefix, with its own Lease name. */
class LeaderElectionSettingsTest {

    @ConfigMapping(prefix = "batchplane.demo-controller")
    interface DemoConfig {
        LeaderElection leaderElection();

        interface LeaderElection extends LeaderElectionSettings {
            @Override
            @WithDefault("demo-controller")
            String leaseName();
        }
    }

    private static LeaderElectionSettings map(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(DemoConfig.class)
                // Quarkus's own converter, so "15s" reads as it does in the services.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(DemoConfig.class).leaderElection();
    }

    @Test
    void defaultsAreUpstreamsAndTheComponentNamesItsLease() {
        LeaderElectionSettings s = map(Map.of());
        assertTrue(s.enabled());
        assertEquals("kube-system", s.leaseNamespace());
        assertEquals("demo-controller", s.leaseName());
        assertEquals(Optional.empty(), s.identity());
        LeaderElectionConfig c = s.toConfig("me");
        assertEquals(Duration.ofSeconds(15), c.leaseDuration());
        assertEquals(Duration.ofSeconds(10), c.renewDeadline());
        assertEquals(Duration.ofSeconds(2), c.retryPeriod());
        assertTrue(c.releaseOnStop());
        assertEquals("me", c.identity());
    }

    @Test
    void keysLiveUnderTheComponentsPrefix() {
        LeaderElectionSettings s = map(Map.of(
                "batchplane.demo-controller.leader-election.enabled", "false",
                "batchplane.demo-controller.leader-election.lease-namespace", "ops",
                "batchplane.demo-controller.leader-election.lease-name", "other",
                "batchplane.demo-controller.leader-election.identity", "replica-1",
                "batchplane.demo-controller.leader-election.lease-duration", "30s",
                "batchplane.demo-controller.leader-election.renew-deadline", "20s",
                "batchplane.demo-controller.leader-election.retry-period", "4s"));
        assertFalse(s.enabled());
        assertEquals("replica-1", s.resolveIdentity());
        assertEquals(new LeaderElectionConfig("ops", "other", "replica-1", Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(4), true), s.toConfig(s.resolveIdentity()));
    }
}
