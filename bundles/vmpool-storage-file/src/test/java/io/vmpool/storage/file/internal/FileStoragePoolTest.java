package io.vmpool.storage.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.storage.PoolCapacity;
import io.vmpool.api.storage.StorageException;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStoragePoolTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path tmp;

    private FileStoragePool pool(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.putIfAbsent("directory", "${test.root}/images");
        all.putIfAbsent("minFreeMiB", 0L);
        return new FileStoragePool(TestConfig.of(FileStorageConfig.class, all),
                name -> name.equals("test.root") ? tmp.toString() : null);
    }

    private FileStoragePool pool() {
        return pool(Map.of());
    }

    @Test
    void createFindListDelete() throws IOException {
        FileStoragePool pool = pool();
        Volume v = pool.create(new VolumeRequest("web1", "disk0", 10 * GIB));

        assertThat(v.id()).isEqualTo("file:vmpool_web1_disk0.img");
        assertThat(v.pool()).isEqualTo("file");
        assertThat(v.name()).isEqualTo("vmpool_web1_disk0.img");
        assertThat(v.path()).isEqualTo(tmp.resolve("images/vmpool_web1_disk0.img").toString());
        assertThat(v.kind()).isEqualTo(Volume.Kind.FILE);
        assertThat(v.sizeBytes()).isEqualTo(10 * GIB);
        assertThat(v.machine()).isEqualTo("web1");
        assertThat(Path.of(v.path())).isAbsolute().exists();
        assertThat(Files.size(Path.of(v.path()))).isEqualTo(10 * GIB);

        assertThat(pool.find(v.id())).contains(v);
        pool.create(new VolumeRequest("db-2", "data1", GIB));
        assertThat(pool.volumes()).extracting(Volume::id)
                .containsExactly("file:vmpool_db-2_data1.img", "file:vmpool_web1_disk0.img");

        pool.delete(v.id());
        assertThat(pool.find(v.id())).isEmpty();
        assertThat(Path.of(v.path())).doesNotExist();
        assertThat(pool.volumes()).extracting(Volume::machine).containsExactly("db-2");
    }

    @Test
    void deletingAMissingVolumeIsNotAnError() {
        pool().delete("file:vmpool_ghost_disk0.img");
    }

    @Test
    void listingIgnoresOtherFiles() throws IOException {
        FileStoragePool pool = pool();
        pool.create(new VolumeRequest("web1", "disk0", GIB));
        Files.writeString(tmp.resolve("images/notes.txt"), "hello", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("images/vmpool_BAD_disk0.img"), "x", StandardCharsets.UTF_8);

        assertThat(pool.volumes()).extracting(Volume::name).containsExactly("vmpool_web1_disk0.img");
    }

    @Test
    void theFileIsSparse() throws Exception {
        Volume v = pool().create(new VolumeRequest("web1", "disk0", 4 * GIB));
        Long allocated = allocatedBytes(Path.of(v.path()));
        assumeTrue(allocated != null, "stat -c '%b %B' is not available here, cannot read allocated blocks");

        assertThat(allocated).as("bytes allocated on disk").isLessThan(1024L * 1024);
    }

    @Test
    void aSecondCreateOfTheSameDiskFails() {
        FileStoragePool pool = pool();
        pool.create(new VolumeRequest("web1", "disk0", GIB));

        assertThatThrownBy(() -> pool.create(new VolumeRequest("web1", "disk0", 2 * GIB)))
                .isInstanceOf(StorageException.class).hasMessageContaining("already exists");
        assertThat(pool.find("file:vmpool_web1_disk0.img")).get().extracting(Volume::sizeBytes).isEqualTo(GIB);
    }

    @Test
    void concurrentCreatesOfOneNameHaveOneWinner() throws Exception {
        FileStoragePool pool = pool();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> create = () -> {
                    start.await();
                    try {
                        pool.create(new VolumeRequest("race", "disk0", GIB));
                        return true;
                    } catch (StorageException lost) {
                        return false;
                    }
                };
                results.add(executor.submit(create));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(pool.volumes()).hasSize(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "A", "", "web_1", "1web", "a/b",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void badMachineNamesAreRefused(String machine) {
        FileStoragePool pool = pool();
        assertThatThrownBy(() -> pool.create(new VolumeRequest(machine, "disk0", GIB)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("machine");
                    assertThat(e.rule()).isEqualTo("^[a-z][a-z0-9-]{0,62}$");
                });
        assertThat(pool.volumes()).isEmpty();
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void aMachineNameOf63CharactersIsFine() {
        String name = "a" + "b".repeat(62);
        assertThat(pool().create(new VolumeRequest(name, "disk0", GIB)).machine()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "Disk0", "", "disk-0", "d12345678901234567"})
    void badDiskNamesAreRefused(String disk) {
        assertThatThrownBy(() -> pool().create(new VolumeRequest("web1", disk, GIB)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("disk"));
    }

    @Test
    void nullNamesAreRefused() {
        assertThatThrownBy(() -> pool().create(new VolumeRequest(null, "disk0", GIB)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void sizeMustBePositive(long size) {
        assertThatThrownBy(() -> pool().create(new VolumeRequest("web1", "disk0", size)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("sizeBytes"));
    }

    @Test
    void aVolumeOverMaxVolumeGiBIsRefused() {
        FileStoragePool pool = pool(Map.of("maxVolumeGiB", 2L));
        pool.create(new VolumeRequest("web1", "disk0", 2 * GIB));

        assertThatThrownBy(() -> pool.create(new VolumeRequest("web2", "disk0", 2 * GIB + 1)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxVolumeGiB");
                    assertThat(e.value()).isEqualTo(2);
                    assertThat(e.pid()).isEqualTo("io.vmpool.storage.file");
                })
                .hasMessageContaining("maxVolumeGiB=2").hasMessageContaining("io.vmpool.storage.file");
        assertThat(pool.find("file:vmpool_web2_disk0.img")).isEmpty();
    }

    @Test
    void aVolumeLargerThanTheFileSystemIsRefusedWithBothFigures() throws IOException {
        FileStoragePool pool = pool(Map.of("maxVolumeGiB", Long.MAX_VALUE / GIB));
        long usable = tmp.toFile().getUsableSpace();
        long size = usable + 1024L * GIB;

        assertThatThrownBy(() -> pool.create(new VolumeRequest("big", "disk0", size)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(String.valueOf(size))
                .hasMessageContaining("usable");
        assertThat(pool.volumes()).isEmpty();
    }

    @Test
    void aVolumeThatWouldEatTheFreeFloorIsRefused() throws IOException {
        long usable = tmp.toFile().getUsableSpace();
        long floorMiB = usable / (1024 * 1024) - 1;
        FileStoragePool pool = pool(Map.of("minFreeMiB", floorMiB));

        assertThatThrownBy(() -> pool.create(new VolumeRequest("web1", "disk0", 512L * 1024 * 1024)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("minFreeMiB"));
    }

    @Test
    void idsOfAnotherPoolAreRefused() {
        FileStoragePool pool = pool();
        for (String id : List.of("lvm-vg0:vmpool_web1_disk0.img", "vmpool_web1_disk0.img", "files:vmpool_web1_disk0.img")) {
            assertThatThrownBy(() -> pool.find(id)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(id).hasMessageContaining("file");
            assertThatThrownBy(() -> pool.delete(id)).isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> pool.delete(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void idsThatTryToLeaveTheDirectoryAreRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("precious.img"), "keep", StandardCharsets.UTF_8);
        FileStoragePool pool = pool();
        for (String id : List.of("file:../precious.img", "file:../vmpool_a_b.img", "file:/etc/passwd", "file:")) {
            assertThatThrownBy(() -> pool.delete(id)).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(outside).exists();
    }

    @Test
    void aConfiguredPoolIdNamesTheVolumes() {
        FileStoragePool pool = pool(Map.of("vmpool_storage_pool", "file-fast"));
        Volume v = pool.create(new VolumeRequest("web1", "disk0", GIB));

        assertThat(pool.id()).isEqualTo("file-fast");
        assertThat(v.id()).isEqualTo("file-fast:vmpool_web1_disk0.img");
        assertThat(pool.find(v.id())).isPresent();
    }

    @Test
    void capacityCountsVolumeSizesAsAllocated() {
        FileStoragePool pool = pool();
        pool.create(new VolumeRequest("web1", "disk0", 3 * GIB));
        pool.create(new VolumeRequest("web2", "disk0", 5 * GIB));

        PoolCapacity c = pool.capacity();
        assertThat(c.allocatedBytes()).isEqualTo(8 * GIB);
        assertThat(c.totalBytes()).isPositive();
        assertThat(c.freeBytes()).isPositive().isLessThanOrEqualTo(c.totalBytes());
    }

    @Test
    void anUnsetPlaceholderIsReportedAtActivation() {
        assertThatThrownBy(() -> pool(Map.of("directory", "${karaf.data}/vmpool/images")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${karaf.data}").hasMessageContaining("io.vmpool.storage.file");
    }

    /** Allocated bytes as {@code stat} reports them (blocks times block unit), or null without stat. */
    private static Long allocatedBytes(Path file) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            String[] parts = out.split("\\s+");
            return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }
}
