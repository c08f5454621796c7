package io.vmpool.health.internal.console;

import static io.vmpool.api.health.Signal.CORRECTED_ERROR;
import static io.vmpool.api.health.Signal.CORRECTED_RATE_HIGH;
import static io.vmpool.api.health.Signal.FATAL_MACHINE_CHECK;
import static io.vmpool.api.health.Signal.NOTICE;
import static io.vmpool.api.health.Signal.UNCORRECTED_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console collector on the real QEMU captures, written into a console file in chunks that cut lines
 * and records, with the file rotated, truncated, deleted and recreated on the way.
 */
class ConsoleCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    /** Cuts lines in the middle, as a console server's writes do. */
    private static final int CHUNK = 777;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthObservation> seen = new ArrayList<>();
    private ConsoleCollector collector;

    private ConsoleCollector collector(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "h1", "path", console().toString()));
        config.putAll(overrides);
        collector = new ConsoleCollector(seen::add, Fixtures.console(config), dir.resolve("spool"), clock);
        return collector;
    }

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private Path console() {
        return dir.resolve("ttyS0.log");
    }

    /** Appends the bytes in chunks, polling after each. */
    private void feed(byte[] bytes) throws IOException {
        for (int at = 0; at < bytes.length; at += CHUNK) {
            int end = Math.min(bytes.length, at + CHUNK);
            Files.write(console(), java.util.Arrays.copyOfRange(bytes, at, end), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            collector.poll();
        }
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.path(name));
    }

    private List<Signal> signalsSince(int from) {
        return seen.subList(from, seen.size()).stream().map(HealthObservation::signal).toList();
    }

    @Test
    void followsTheRealCapturesThroughRotationTruncationAndDeletion() throws IOException {
        collector(Map.of("keepMiB", 1));
        collector.poll(); // no file yet: waits for it

        feed(fixture("qemu-corrected-then-fatal.log"));
        assertThat(signalsSince(0)).containsExactly(NOTICE, CORRECTED_ERROR, FATAL_MACHINE_CHECK, NOTICE,
                FATAL_MACHINE_CHECK);
        assertThat(seen.get(1).summary()).isEqualTo("corrected machine check on CPU 0 bank 1: memory controller error: "
                + "memory read error, channel not specified, address 0x12345000 (status 9c0000000000009f)");
        assertThat(seen.get(1).evidence()).hasSize(3).first().asString()
                .endsWith("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9c0000000000009f");
        assertThat(seen.get(4).summary()).isEqualTo("kernel panic: Fatal local machine check");
        assertThat(seen).allSatisfy(o -> {
            assertThat(o.host()).isEqualTo("h1");
            assertThat(o.source()).isEqualTo("console");
        });

        // rotation by rename in the middle of a record: the old file's part of it is reported as cut off
        String broadcast = Files.readString(Fixtures.path("qemu-broadcast-fatal.log"), StandardCharsets.UTF_8);
        int header = broadcast.indexOf("Machine Check Exception");
        int cut = broadcast.indexOf('\n', header) + 1;
        int before = seen.size();
        feed(broadcast.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        Files.move(console(), dir.resolve("ttyS0.log.1"));
        feed(fixture("qemu-intel-srao-print-all.log"));
        List<HealthObservation> afterRotation = seen.subList(before, seen.size());
        assertThat(afterRotation.get(0).signal()).isEqualTo(FATAL_MACHINE_CHECK);
        assertThat(afterRotation.get(0).summary()).endsWith("(record cut off)").contains("CPU 1 bank 3");
        // events logged, the page the SRAO cost, the SRAO record (printed after it), the fatal record, the verdict, the panic
        assertThat(signalsSince(before + 1)).containsExactly(NOTICE, UNCORRECTED_ERROR, UNCORRECTED_ERROR,
                FATAL_MACHINE_CHECK, NOTICE, FATAL_MACHINE_CHECK);
        assertThat(afterRotation.get(3).summary()).startsWith("uncorrected, recoverable machine check on CPU 0 bank 4");
        assertThat(afterRotation.get(2).summary()).startsWith("page taken offline after an uncorrected memory error: "
                + "Memory failure: 0x2345: recovery action for free buddy page: Recovered");

        // copytruncate: the same file, shorter
        before = seen.size();
        Files.write(console(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        feed(fixture("qemu-intel-no-broadcast-timeout.log"));
        assertThat(signalsSince(before)).containsExactly(NOTICE, FATAL_MACHINE_CHECK);
        assertThat(seen.get(seen.size() - 1).summary())
                .isEqualTo("kernel panic: Timeout: Not all CPUs entered broadcast exception handler");

        // gone, then back with forty corrected errors within the hour: over 10 per hour once
        Files.delete(console());
        collector.poll();
        collector.poll();
        before = seen.size();
        feed(fixture("qemu-rasdaemon.log"));
        List<Signal> rasdaemon = signalsSince(before);
        assertThat(rasdaemon).filteredOn(s -> s == CORRECTED_ERROR).hasSize(40);
        assertThat(rasdaemon).filteredOn(s -> s == CORRECTED_RATE_HIGH).hasSize(1);
        HealthObservation high = seen.stream().filter(o -> o.signal() == CORRECTED_RATE_HIGH).findFirst().orElseThrow();
        assertThat(high.summary()).isEqualTo("11 corrected machine checks on the console in 60 min: 11.0 per hour, "
                + "over correctedPerHourThreshold=10.0 (io.vmpool.health.console)");

        List<String> last = Fixtures.lines("qemu-rasdaemon.log");
        assertThat(collector.tail(4)).containsExactlyElementsOf(last.subList(last.size() - 4, last.size()));
    }

    @Test
    void theSpoolKeepsAtMostKeepMiBAndTheNewestLines() throws IOException {
        collector(Map.of("keepMiB", 1));
        byte[] capture = fixture("qemu-rasdaemon.log");
        long written = 0;
        for (int round = 0; round < 40; round++) {
            feed(capture);
            written += capture.length;
            assertThat(collector.spoolBytes()).isLessThanOrEqualTo(1024 * 1024);
        }
        assertThat(written).isGreaterThan(2 * 1024 * 1024);
        assertThat(collector.spoolBytes()).isGreaterThanOrEqualTo(512 * 1024 - capture.length);
        assertThat(seen).filteredOn(o -> o.signal() == CORRECTED_ERROR).hasSize(40 * 40);
        List<String> lines = Fixtures.lines("qemu-rasdaemon.log");
        assertThat(collector.tail(lines.size())).containsExactlyElementsOf(lines);
        try (var files = Files.list(dir.resolve("spool"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("h1.log", "h1.log.1");
        }
    }

    @Test
    void aFileThatWasThereAtStartIsFollowedFromItsEndUnlessFromStart() throws IOException {
        Files.write(console(), fixture("qemu-corrected-then-fatal.log"));
        collector(Map.of());
        collector.poll();
        assertThat(seen).isEmpty();
        Files.writeString(console(), "[  100.000000] Kernel panic - not syncing: Attempted to kill init!\n",
                StandardOpenOption.APPEND);
        collector.poll();
        assertThat(seen).extracting(HealthObservation::signal).containsExactly(Signal.PANIC);
        collector.close();

        seen.clear();
        collector(Map.of("fromStart", true));
        collector.poll();
        assertThat(seen).extracting(HealthObservation::signal).contains(CORRECTED_ERROR, FATAL_MACHINE_CHECK,
                Signal.PANIC);
    }

    @Test
    void aConsoleWithoutNewlinesIsCutAtTheLongestLine() throws IOException {
        collector(Map.of("maxLineBytes", 100, "fromStart", true));
        Files.writeString(console(), "x".repeat(250) + "\r\n[    1.0] INFO: task kworker/0:1:42 blocked for more than "
                + "120 seconds.\r\n");
        collector.poll();
        assertThat(collector.tail(10)).extracting(String::length).containsExactly(100, 100, 50, 70);
        assertThat(seen).extracting(HealthObservation::signal).containsExactly(Signal.HUNG_TASK);
        assertThat(seen.get(0).summary()).isEqualTo("task kworker/0:1:42 blocked for more than 120 s");
    }

    @Test
    void aLineStillBeingWrittenWaitsForItsEnd() throws IOException {
        collector(Map.of("fromStart", true));
        Files.writeString(console(), "[    5.0] Kernel panic - not syncing: Fatal ");
        collector.poll();
        assertThat(seen).isEmpty();
        Files.writeString(console(), "machine check\n", StandardOpenOption.APPEND);
        collector.poll();
        assertThat(seen).extracting(HealthObservation::summary).containsExactly("kernel panic: Fatal machine check");
    }

    @Test
    void theCapturesAnswerByHost() throws IOException {
        collector(Map.of("fromStart", true));
        Files.writeString(console(), "one\ntwo\nthree\n");
        collector.poll();
        ConsoleCaptures captures = new ConsoleCaptures();
        captures.addCapture(collector);
        assertThat(captures.hosts()).containsExactly("h1");
        assertThat(captures.tail("h1", 2)).containsExactly("two", "three");
        assertThatThrownBy(() -> captures.tail("h2", 2)).isInstanceOf(NotFoundException.class)
                .hasMessage("no console is captured for host h2 (one io.vmpool.health.console-<host>.cfg per host); "
                        + "captured: [h1]");
        assertThatThrownBy(() -> captures.tail("h1", 0)).hasMessageContaining("--tail must be at least 1");
        captures.removeCapture(collector);
        assertThat(captures.hosts()).isEmpty();
    }

    @Test
    void configurationErrorsNameTheKeys() {
        assertThatThrownBy(() -> collector(Map.of("host", ""))).hasMessageContaining("host is required in every "
                + "io.vmpool.health.console configuration");
        assertThatThrownBy(() -> collector(Map.of("keepMiB", 1, "maxLineBytes", 600_000)))
                .hasMessageContaining("maxLineBytes=600000 must be under half of keepMiB=1 (io.vmpool.health.console)");
    }
}
