package io.batchplane.apiserver.testsupport;

import io.batchplane.apiserver.storage.DatabaseUrl;
import io.batchplane.apiserver.storage.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database for the api-server's Quarkus tests. With {@code BATCHPLANE_TEST_DB_URL} set (e.g. CI's
 * server), it creates a fresh, uniquely named database on that server for this test JVM and drops
 * it afterwards; otherwise it starts an embedded PostgreSQL 15 in a temporary directory. Use it with
 * {@code @WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)} on
 * every test class so all classes share one Quarkus boot.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The database the tests run against, for tests that open their own connections. */
    public static volatile DatabaseUrl database;

    private DatabaseUrl server;

    @Override
    public Map<String, String> start() {
        String serverUrl = System.getenv("BATCHPLANE_TEST_DB_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            server = DatabaseUrl.parse(serverUrl);
            String name = "batchplane_test_" + UUID.randomUUID().toString().replace("-", "");
            execute(server, "CREATE DATABASE " + name);
            database = server.withDatabase(name);
        } else {
            database = EmbeddedPostgresServer.startTemporary(temporaryDirectory().resolve("postgres"));
        }
        return Map.of(
                "quarkus.http.test-port", "0",
                "quarkus.grpc.server.test-port", String.valueOf(freePort()),
                "batchplane.db.url", database.toUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password() == null ? "" : database.password(),
                "batchplane.store.bookmark-interval", "1s");
    }

    /** A port nobody listens on now: the gRPC server's real port must be known to the test clients. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null && database != null) {
            execute(server, "DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("batchplane-test-");
            // The embedded server may run as an unprivileged user, which must reach its data directory.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Runs after the server's own shutdown hook has stopped it and removed its data directory.
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(DatabaseUrl url, String sql) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }
}
