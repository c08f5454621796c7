package io.vmpool.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes the generated password to a file that is created owner-only ({@code rw-------}, in a directory created
 * {@code rwx------}): the permissions are given at creation, so the password is never readable by others.
 */
final class PasswordFile {
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    PasswordFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** Replaces any earlier file with a new one holding {@code password} and a newline, in one step. */
    void write(String password) {
        writePending(password);
        publish();
    }

    /** Where {@link #writePending} puts the password until {@link #publish}: the same name with {@code .new}. */
    Path pending() {
        return path.resolveSibling(path.getFileName() + ".new");
    }

    /**
     * Writes {@code password} to {@link #pending()} (owner-only from its creation); the file at {@link #path()} is
     * untouched until {@link #publish}, so nobody reads a half-written file, or a password whose account is not
     * complete yet.
     */
    void writePending(String password) {
        Path file = pending();
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IllegalStateException("Cannot write the initial admin password to " + path
                    + ": the file system has no POSIX permissions to make it owner-only");
        }
        try {
            Files.createDirectories(path.getParent(), PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            Files.deleteIfExists(file);
            try (SeekableByteChannel out = Files.newByteChannel(file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))) {
                out.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
            if (!FILE_PERMISSIONS.containsAll(actual)) {
                throw new IllegalStateException("The initial admin password file " + file + " came out "
                        + PosixFilePermissions.toString(actual) + " instead of rw-------; it was deleted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + file + ": " + e, e);
        } catch (IllegalStateException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Renames {@link #pending()} to {@link #path()} atomically (replacing an earlier file). */
    void publish() {
        try {
            Files.move(pending(), path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the initial admin password from " + pending() + " to " + path
                    + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the reported problem matters more
        }
    }
}
