package io.batchplane.apiserver.storage;

import io.quarkus.runtime.ExecutionMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies Quarkus' datasource settings (JDBC URL for Flyway, reactive URL for the store, user,
 * password) from batchplane's single database setting {@code batchplane.db.url}. When that is
 * unset, the embedded PostgreSQL server is started under {@code ${batchplane.home}/postgres} the
 * first time a datasource value is read, so merely loading configuration (e.g. at build time)
 * starts nothing.
 */
final class DatabaseConfigSource implements ConfigSource {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";

    /** Above application.properties (250), below environment variables (300) and system properties. */
    private static final int ORDINAL = 275;

    private final DatabaseUrl configured;
    private final Path home;
    private Map<String, String> values;

    DatabaseConfigSource(DatabaseUrl configured, Path home) {
        this.configured = configured;
        this.home = home;
    }

    @Override
    public Set<String> getPropertyNames() {
        if (configured != null && configured.password() != null) {
            return Set.of(JDBC_URL, REACTIVE_URL, USERNAME, PASSWORD);
        }
        return Set.of(JDBC_URL, REACTIVE_URL, USERNAME);
    }

    @Override
    public Map<String, String> getProperties() {
        return configured == null && !running() ? Map.of() : resolve();
    }

    @Override
    public String getValue(String propertyName) {
        if (!getPropertyNames().contains(propertyName)) {
            return null;
        }
        if (configured == null && !running()) {
            return null;
        }
        return resolve().get(propertyName);
    }

    /**
     * Whether the application is starting or running, as opposed to being built (augmentation reads
     * every configuration value too, and must not start a database).
     */
    private static boolean running() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    @Override
    public String getName() {
        return "batchplane-database";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    private synchronized Map<String, String> resolve() {
        if (values == null) {
            DatabaseUrl url = configured != null ? configured : EmbeddedPostgresServer.start(home.resolve("postgres"));
            Map<String, String> map = new HashMap<>();
            map.put(JDBC_URL, url.jdbcUrl());
            map.put(REACTIVE_URL, url.reactiveUrl());
            map.put(USERNAME, url.user());
            if (url.password() != null) {
                map.put(PASSWORD, url.password());
            }
            values = Map.copyOf(map);
        }
        return values;
    }
}
