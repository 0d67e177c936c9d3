package io.batchplane.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the API server accepts, read from a Kubernetes static token file: one CSV record
 * per line, {@code token,user,uid[,"group1,group2"]}. Blank lines are skipped; a line with fewer than
 * three columns, an empty user name, a repeated token or broken quoting makes {@link #load} fail with
 * an error naming the line, so a bad file stops the server instead of locking users out silently.
 *
 * <p>Only SHA-256 digests of the tokens are kept, and {@link #authenticate} looks the presented
 * token's digest up in a hash map: a lookup costs the same however many nodes and users the file
 * names, and since it compares digests, its timing can at most hint at how much of a guess's digest
 * was right, which says nothing usable about the token (upstream's token file looks up the token
 * itself).
 */
public final class TokenFile {

    private final Map<String, UserInfo> usersByDigest;

    private TokenFile(Map<String, UserInfo> usersByDigest) {
        this.usersByDigest = Map.copyOf(usersByDigest);
    }

    /**
     * Reads and checks a token file.
     *
     * @throws IllegalArgumentException for a malformed line, naming the file and line number
     * @throws UncheckedIOException when the file cannot be read
     */
    public static TokenFile load(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token file " + csv, e);
        }
        Map<String, UserInfo> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            List<String> fields;
            try {
                fields = CsvRecord.split(line);
            } catch (IllegalArgumentException e) {
                throw malformed(csv, lineNumber, e.getMessage());
            }
            if (fields.size() < 3) {
                throw malformed(csv, lineNumber,
                        "must have at least 3 columns (token, user name, user uid), found " + fields.size());
            }
            String token = fields.get(0);
            if (token.isEmpty()) {
                throw malformed(csv, lineNumber, "token is empty");
            }
            if (fields.get(1).isEmpty()) {
                throw malformed(csv, lineNumber, "user name is empty");
            }
            String digest = digest(token);
            if (users.containsKey(digest)) {
                throw malformed(csv, lineNumber, "token already used on an earlier line");
            }
            Set<String> groups = new LinkedHashSet<>();
            if (fields.size() > 3) {
                Arrays.stream(fields.get(3).split(",")).filter(g -> !g.isEmpty()).forEach(groups::add);
            }
            users.put(digest, new UserInfo(fields.get(1), fields.get(2), groups));
        }
        return new TokenFile(users);
    }

    /** The user a bearer token belongs to; empty for an unknown, empty or null token. */
    public Optional<UserInfo> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(usersByDigest.get(digest(bearerToken)));
    }

    /** How many tokens the file holds. */
    public int size() {
        return usersByDigest.size();
    }

    private static IllegalArgumentException malformed(Path csv, int line, String why) {
        return new IllegalArgumentException("token file " + csv + ", line " + line + ": " + why);
    }

    /** The token's SHA-256 digest, hex-encoded (a map key with value equality). */
    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
