package org.vigie.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Files of a Keycloak distribution with Vigie deployed: the realm import, copies for cluster nodes, data folders. */
public final class Distribution {

    private Distribution() {
    }

    /** Puts realm-config's realm files where {@code --import-realm} reads them ({@code data/import}). */
    public static void installRealmImport(Path home, Path realmFiles) {
        try {
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            try (Stream<Path> files = Files.list(realmFiles)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, importDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a distribution keeping file times (Keycloak compares provider jars with its last
     * build), without its {@code data} folder: each node has its own (import, tmp, transaction logs).
     * The realm import goes along.
     */
    public static void copy(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = from.relativize(dir);
                    if (relative.toString().equals("data")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(relative));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
            Path realm = from.resolve("data").resolve("import");
            if (Files.isDirectory(realm)) {
                installRealmImport(to, realm);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bootstrap admin password for a new database. */
    public static String newAdminPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
