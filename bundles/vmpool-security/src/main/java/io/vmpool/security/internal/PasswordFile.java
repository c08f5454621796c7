package io.vmpool.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Replaces any earlier file with a new one holding {@code password} and a newline. */
    void write(String password) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IllegalStateException("Cannot write the initial admin password to " + path
                    + ": the file system has no POSIX permissions to make it owner-only");
        }
        try {
            Files.createDirectories(path.getParent(), PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            Files.deleteIfExists(path);
            try (SeekableByteChannel out = Files.newByteChannel(path,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))) {
                out.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (!FILE_PERMISSIONS.containsAll(actual)) {
                throw new IllegalStateException("The initial admin password file " + path + " came out "
                        + PosixFilePermissions.toString(actual) + " instead of rw-------; it was deleted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + path + ": " + e, e);
        } catch (IllegalStateException e) {
            deleteQuietly();
            throw e;
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the reported problem matters more
        }
    }
}
