package io.vmpool.storage.file.internal;

import io.vmpool.api.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The directory of image files: creates sparse files, deletes and lists them, reads its file store. */
final class ImageDirectory {
    private final String pool;
    private final Path dir;

    ImageDirectory(String pool, Path dir) {
        this.pool = pool;
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** Creates the directory if it is missing. */
    void ensureExists() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException(pool, "cannot create image directory " + dir + ": " + e, e);
        }
    }

    /** The file for {@code name}; never outside the directory. */
    Path fileOf(VolumeName name) {
        Path file = dir.resolve(name.fileName()).normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalStateException("volume file " + file + " is outside " + dir);
        }
        return file;
    }

    /**
     * Creates a sparse file of {@code sizeBytes} with CREATE_NEW, so of two concurrent creates only
     * one wins; a create that fails after the file appeared removes it again.
     */
    void createSparse(Path file, long sizeBytes) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(pool, "volume file " + file + " already exists");
        } catch (IOException e) {
            throw new StorageException(pool, "cannot create volume file " + file + ": " + e, e);
        }
        try (channel) {
            // one zero byte at the end sets the length without allocating the blocks before it
            channel.write(ByteBuffer.wrap(new byte[1]), sizeBytes - 1);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            removePartial(file, e);
            throw new StorageException(pool, "cannot size volume file " + file + " to " + sizeBytes
                    + " bytes (partial file removed): " + e, e);
        }
    }

    /** Removes the file; false when it was not there. */
    boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException(pool, "cannot delete volume file " + file + ": " + e, e);
        }
    }

    /** Length in bytes, or -1 when the file does not exist. */
    long length(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new StorageException(pool, "cannot read volume file " + file + ": " + e, e);
        }
    }

    /** Every file name in the directory (none when it does not exist yet). */
    List<String> fileNames() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new StorageException(pool, "cannot list image directory " + dir + ": " + e, e);
        }
    }

    /** Space of the file system the directory is on, in bytes. */
    record DiskSpace(long total, long usable) {
    }

    /**
     * Reads the file system's space with statvfs ({@link java.io.File#getTotalSpace()}), which,
     * unlike {@code Files.getFileStore}, needs no mount table entry: it also works in a chroot or
     * a container whose /proc/mounts does not list its root.
     */
    DiskSpace space() {
        java.io.File at = (Files.isDirectory(dir) ? dir : existingAncestor()).toFile();
        long total = at.getTotalSpace();
        if (total == 0) {
            throw new StorageException(pool, "cannot read the file system space of " + dir);
        }
        return new DiskSpace(total, at.getUsableSpace());
    }

    private Path existingAncestor() {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir : p;
    }

    private static void removePartial(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException again) {
            cause.addSuppressed(again);
        }
    }
}
