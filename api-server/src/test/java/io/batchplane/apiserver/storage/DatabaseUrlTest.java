package io.batchplane.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
            "postgresql://postgres@127.0.0.1:5432/postgres, postgres, NULL, 127.0.0.1, 5432, postgres",
            "postgresql://bp:s3cret@db.example:6000/batchplane, bp, s3cret, db.example, 6000, batchplane",
            "postgres://bp:p%40ss@localhost/bp, bp, p@ss, localhost, 5432, bp",
            "postgresql://localhost:5433/x, postgres, NULL, localhost, 5433, x"})
    void parses(String url, String user, String password, String host, int port, String database) {
        assertEquals(new DatabaseUrl(user, password, host, port, database), DatabaseUrl.parse(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql://u@h/db", "postgresql://u@h:5432/", "postgresql:///db", "::"})
    void rejects(String url) {
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url));
    }

    @org.junit.jupiter.api.Test
    void rendersJdbcAndReactiveFormsWithoutCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bp:pw@h:7/db");
        assertEquals("jdbc:postgresql://h:7/db", url.jdbcUrl());
        assertEquals("postgresql://h:7/db", url.reactiveUrl());
        assertEquals("postgresql://bp@h:7/db", url.toString());
        assertEquals("postgresql://bp:pw@h:7/db", url.toUrl());
    }
}
