package io.batchplane.scheduler.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code batchplane.node-lifecycle.*}: how long a node may stay silent, and how often health is judged. */
@ConfigMapping(prefix = "batchplane.node-lifecycle")
public interface NodeLifecycleConfig {

    @WithDefault("true")
    boolean enabled();

    /** A node whose heartbeat was not seen to change for longer than this turns Ready=Unknown (upstream's node monitor grace period). */
    @WithDefault("50s")
    Duration gracePeriod();

    /** How often node health and pending evictions are checked (upstream's node monitor period). */
    @WithDefault("5s")
    Duration monitorPeriod();
}
