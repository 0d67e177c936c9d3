package io.batchplane.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenFileTest {

    @TempDir
    Path dir;

    static Stream<Arguments> validLines() {
        return Stream.of(
                arguments("three columns, no groups", "t1,alice,u1", "t1", new UserInfo("alice", "u1", Set.of())),
                arguments("one unquoted group", "t1,admin,u0,system:masters", "t1",
                        new UserInfo("admin", "u0", Set.of("system:masters"))),
                arguments("quoted group list", "t1,system:node:n1,u2,\"system:nodes,team-a\"", "t1",
                        new UserInfo("system:node:n1", "u2", Set.of("system:nodes", "team-a"))),
                arguments("leading spaces trimmed", "t1, bob, u3, \"g1,g2\"", "t1", new UserInfo("bob", "u3", Set.of("g1", "g2"))),
                arguments("quoted token with comma", "\"a,b\",carol,u4", "a,b", new UserInfo("carol", "u4", Set.of())),
                arguments("doubled quote inside quotes", "\"x\"\"y\",dave,u5", "x\"y", new UserInfo("dave", "u5", Set.of())),
                arguments("empty uid allowed", "t1,erin,", "t1", new UserInfo("erin", "", Set.of())),
                arguments("empty group entries dropped", "t1,frank,u6,\"g1,,\"", "t1", new UserInfo("frank", "u6", Set.of("g1"))),
                arguments("extra columns ignored", "t1,gina,u7,g1,extra", "t1", new UserInfo("gina", "u7", Set.of("g1"))),
                arguments("windows line ending", "t1,hal,u8\r\n", "t1", new UserInfo("hal", "u8", Set.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLines")
    void readsValidLines(String name, String content, String token, UserInfo expected) throws IOException {
        TokenFile file = TokenFile.load(write(content));
        assertEquals(Optional.of(expected), file.authenticate(token));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("too few columns", "t1,alice,u1\nt2,bob\n", 2, "must have at least 3 columns (token, user name, user uid), found 2"),
                arguments("one column", "\n\njust-a-token\n", 3, "found 1"),
                arguments("unclosed quote", "t1,alice,u1,\"g1,g2\n", 1, "quoted field is not closed"),
                arguments("text after closing quote", "\"t1\"x,alice,u1\n", 1, "unexpected character after closing quote"),
                arguments("bare quote", "t\"1,alice,u1\n", 1, "quote inside an unquoted field"),
                arguments("empty token", "t1,a,u\n,alice,u1\n", 2, "token is empty"),
                arguments("empty user", "t1,,u1\n", 1, "user name is empty"),
                arguments("duplicate token", "t1,alice,u1\nt2,bob,u2\nt1,carol,u3\n", 3, "token already used on an earlier line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedLinesNamingTheLine(String name, String content, int line, String why) throws IOException {
        Path path = write(content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenFile.load(path));
        assertTrue(e.getMessage().contains("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                arguments("null", null),
                arguments("empty", ""),
                arguments("unknown", "nope"),
                arguments("prefix of a real token", "secret"),
                arguments("real token with suffix", "secret-token-x"),
                arguments("different case", "SECRET-TOKEN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectsUnknownTokens(String name, String token) throws IOException {
        TokenFile file = TokenFile.load(write("secret-token,admin,0,system:masters\n"));
        assertEquals(Optional.empty(), file.authenticate(token));
    }

    @Test
    void holdsManyUsers() throws IOException {
        TokenFile file = TokenFile.load(write("a,admin,0,system:masters\n\nb,system:job-controller,1\n"));
        assertEquals(2, file.size());
        assertEquals("system:job-controller", file.authenticate("b").orElseThrow().name());
        assertEquals("admin", file.authenticate("a").orElseThrow().name());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(UncheckedIOException.class, () -> TokenFile.load(dir.resolve("absent.csv")));
    }

    private Path write(String content) throws IOException {
        Path path = dir.resolve("tokens.csv");
        Files.writeString(path, content);
        return path;
    }
}
