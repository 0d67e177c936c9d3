package io.batchplane.apiserver.storage;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Registers {@link DatabaseConfigSource}, reading {@code batchplane.db.url} (env
 * {@code BATCHPLANE_DB_URL}) and {@code batchplane.home} (env {@code BATCHPLANE_HOME}, default
 * {@code .batchplane}) from the other configuration sources.
 */
public final class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String url = value(context, "batchplane.db.url");
        String home = value(context, "batchplane.home");
        return List.of(new DatabaseConfigSource(url == null ? null : DatabaseUrl.parse(url),
                Path.of(home == null ? ".batchplane" : home)));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
