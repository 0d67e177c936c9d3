package io.batchplane.apiserver.gc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the API server's garbage collector and namespace cleanup. */
@ConfigMapping(prefix = "batchplane.gc")
public interface GcConfig {

    /** Off only for tests of the raw store; every API-server replica may run it (its writes are idempotent). */
    @WithDefault("true")
    boolean enabled();

    /** How often namespaces being deleted are swept for remaining content. */
    @WithDefault("2s")
    Duration namespaceSweepInterval();
}
