package io.batchplane.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The yardstick: durable single-row INSERTs of a small JSON document straight into the same
 * PostgreSQL (in a schema of its own, beside the API server's tables), one transaction per row,
 * autocommit, from N connections.
 */
final class RawPostgres {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    RawPostgres(String dbUrl) {
        URI uri = URI.create(dbUrl);
        String info = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        this.user = info.contains(":") ? info.substring(0, info.indexOf(':')) : info;
        this.password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : "";
        this.jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
    }

    double insertsPerSecond(int connections, double seconds) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench_raw");
            s.execute("CREATE TABLE IF NOT EXISTS bench_raw.inserts (id bigserial PRIMARY KEY, name text NOT NULL, body jsonb NOT NULL)");
        }
        Connection[] pool = new Connection[connections];
        PreparedStatement[] statements = new PreparedStatement[connections];
        for (int i = 0; i < connections; i++) {
            pool[i] = connect();
            statements[i] = pool[i].prepareStatement("INSERT INTO bench_raw.inserts (name, body) VALUES (?, ?::jsonb)");
        }
        try {
            return Rate.measure(connections, seconds, (client, seq) -> {
                PreparedStatement insert = statements[client];
                insert.setString(1, "c" + client + "-" + seq);
                insert.setString(2, "{\"spec\":{\"holderIdentity\":\"c" + client + "\",\"leaseDurationSeconds\":40}}");
                insert.executeUpdate();
                return true;
            });
        } finally {
            for (Connection c : pool) {
                c.close();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
