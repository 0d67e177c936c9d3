package io.batchplane.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, empty database for one test class, on the PostgreSQL server named by
 * {@code BATCHPLANE_TEST_DB_URL} ({@code postgresql://user[:password]@host:port/db}) or on an
 * embedded one; the database is created under a unique name so runs never see each other's data.
 * Databases on a server of the user's are dropped when this JVM exits (or earlier by {@link #drop}),
 * so test runs leave nothing behind; an embedded server is discarded whole.
 */
public final class TestDatabase {

    private final String url;
    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String url, String adminJdbcUrl, String user, String password, String name) {
        this.url = url;
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    private static EmbeddedPostgres embedded;
    /** Databases on the user's server still to drop at exit. */
    private static final List<TestDatabase> UNDROPPED = new ArrayList<>();
    private static boolean dropHookAdded;

    /**
     * The server tests use: {@code BATCHPLANE_TEST_DB_URL} when set, else an embedded PostgreSQL
     * started once for this JVM (and stopped when it exits).
     */
    public static synchronized String serverUrl() {
        String env = System.getenv("BATCHPLANE_TEST_DB_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return "postgresql://postgres@localhost:" + embedded.getPort() + "/postgres";
    }

    public static TestDatabase fresh(String serverUrl) throws SQLException {
        URI uri = URI.create(serverUrl);
        String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        String user = userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
        String password = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : "";
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String name = "bp_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath();
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String auth = password.isEmpty() ? user : user + ":" + password;
        TestDatabase db = new TestDatabase("postgresql://" + auth + "@" + uri.getHost() + ":" + port + "/" + name,
                admin, user, password, name);
        if (!isEmbedded(serverUrl)) {
            dropAtExit(db);
        }
        return db;
    }

    private static synchronized boolean isEmbedded(String serverUrl) {
        return embedded != null && URI.create(serverUrl).getPort() == embedded.getPort();
    }

    private static synchronized void dropAtExit(TestDatabase db) {
        if (!dropHookAdded) {
            dropHookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropUndropped, "drop-test-databases"));
        }
        UNDROPPED.add(db);
    }

    private static void dropUndropped() {
        List<TestDatabase> left;
        synchronized (TestDatabase.class) {
            left = List.copyOf(UNDROPPED);
        }
        left.forEach(TestDatabase::drop);
    }

    /**
     * Drops the database now, ending any session still connected to it (the benchmark's hold hundreds
     * of megabytes each, too much to keep until the JVM exits). A failure is reported on standard
     * error, not thrown: the data is disposable, and the test or benchmark has its result already.
     */
    public void drop() {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
        synchronized (TestDatabase.class) {
            UNDROPPED.remove(this);
        }
    }

    /** The database URL in the form {@code batchplane.db.url} takes. */
    public String url() {
        return url;
    }
}
