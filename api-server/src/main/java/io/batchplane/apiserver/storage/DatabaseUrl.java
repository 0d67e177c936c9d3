package io.batchplane.apiserver.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL server address in batchplane's form {@code postgresql://user[:password]@host[:port]/database}
 * (also {@code postgres://}), and the same address in the forms Quarkus' JDBC and reactive
 * datasources take.
 */
public record DatabaseUrl(String user, String password, String host, int port, String database) {

    /** Parses {@code url}; throws IllegalArgumentException with the reason when it is malformed. */
    public static DatabaseUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL: " + e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("database URL must start with postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("database URL has no database name");
        }
        String user = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(user, password, uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                decode(path));
    }

    /** The same server with another database. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(user, password, host, port, otherDatabase);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The batchplane form, without the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** The batchplane form including the password, for handing on to another component. */
    public String toUrl() {
        String info = password == null ? user : user + ":" + password;
        return "postgresql://" + info + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
