package io.batchplane.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerConfigTest {

    private static ApiServerConfig config(String token, String tokenFile) {
        return new ApiServerConfig() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int grpcPort() {
                return 6444;
            }

            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public Optional<String> tokenFile() {
                return Optional.ofNullable(tokenFile);
            }

            @Override
            public String readinessProbe() {
                return "namespaces";
            }
        };
    }

    @Test
    void inlineTokenWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("token"), "from-file\n");
        assertEquals("inline", config("inline", f.toString()).resolveToken());
        assertEquals("from-file", config(null, f.toString()).resolveToken());
        assertEquals("from-file", config(" ", f.toString()).resolveToken());
        assertEquals("", config(null, null).resolveToken());
    }

    @Test
    void aMissingTokenFileIsAnError(@TempDir Path dir) {
        assertThrows(UncheckedIOException.class, () -> config(null, dir.resolve("nope").toString()).resolveToken());
    }
}
