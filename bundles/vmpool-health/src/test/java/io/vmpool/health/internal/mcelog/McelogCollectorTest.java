package io.vmpool.health.internal.mcelog;

import static io.vmpool.api.health.Signal.CORRECTED_ERROR;
import static io.vmpool.api.health.Signal.CORRECTED_RATE_HIGH;
import static io.vmpool.api.health.Signal.FATAL_MACHINE_CHECK;
import static io.vmpool.api.health.Signal.NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mcelog collector on mcelog's real decoded output of the QEMU captures, written into its log in
 * chunks that cut lines and records, with the log rotated, truncated and deleted on the way.
 */
class McelogCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    private static final int CHUNK = 777;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthObservation> seen = new ArrayList<>();
    private McelogCollector collector;

    private McelogCollector collector(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "h1", "path", log().toString()));
        config.putAll(overrides);
        collector = new McelogCollector(seen::add, Fixtures.mcelog(config), clock);
        return collector;
    }

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private Path log() {
        return dir.resolve("mcelog");
    }

    private void feed(byte[] bytes) throws IOException {
        for (int at = 0; at < bytes.length; at += CHUNK) {
            Files.write(log(), Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + CHUNK)),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            collector.poll();
        }
    }

    private void feed(String text) throws IOException {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(Fixtures.path(name), StandardCharsets.UTF_8);
    }

    private List<Signal> signalsSince(int from) {
        return seen.subList(from, seen.size()).stream().map(HealthObservation::signal).toList();
    }

    @Test
    void followsTheRealLogsThroughRotationTruncationAndDeletion() throws IOException {
        collector(Map.of());
        collector.poll(); // no log yet: waits for it

        String p4 = fixture("mcelog-p4-corrected-then-fatal.txt");
        // the corrected record alone: reported at once, not when the next record ends it
        int second = p4.indexOf("Hardware event.", p4.indexOf("Hardware event.") + 1);
        feed(p4.substring(0, second));
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR);
        assertThat(seen.get(0).summary()).isEqualTo("corrected machine check on CPU 0 bank 1: memory controller error: "
                + "memory read error, channel not specified, address 0x12345000 (status 9c0000000000009f)");
        assertThat(seen.get(0).source()).isEqualTo("mcelog");
        assertThat(seen.get(0).evidence()).contains("STATUS 9c0000000000009f MCGSTATUS 0",
                "MCA: MEMORY CONTROLLER RD_CHANNELunspecified_ERR");
        feed(p4.substring(second));
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        assertThat(seen.get(1).summary()).isEqualTo("fatal (processor context corrupt) machine check on CPU 0 "
                + "bank 2: memory controller error: memory read error, channel 0, address 0x7ff000 (status "
                + "be00000000800090)");

        // rotated in the middle of a record, before its STATUS line: not readable, reported as such
        String k8 = fixture("mcelog-k8-corrected-then-fatal.txt");
        int cut = k8.indexOf("STATUS ", k8.indexOf("Hardware event."));
        int before = seen.size();
        feed(k8.substring(0, cut));
        Files.move(log(), dir.resolve("mcelog.1"));
        feed(fixture("mcelog-intel-srao-then-fatal.txt"));
        assertThat(signalsSince(before)).containsExactly(NOTICE, FATAL_MACHINE_CHECK);
        assertThat(seen.get(before).summary()).isEqualTo("mcelog line not understood: not a readable mcelog record: "
                + "no 'STATUS' line");
        assertThat(seen.get(before + 1).summary()).startsWith("fatal (processor context corrupt) machine check on CPU 0 "
                + "bank 3: cache hierarchy error");

        // truncated (copytruncate), then deleted and written again
        Files.write(log(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        before = seen.size();
        feed(k8);
        assertThat(signalsSince(before)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        Files.delete(log());
        collector.poll();
        before = seen.size();
        feed(k8);
        assertThat(signalsSince(before)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
    }

    @Test
    void aLogThatWasThereAtStartIsFollowedFromItsEndUnlessFromStart() throws IOException {
        Files.writeString(log(), fixture("mcelog-p4-corrected-then-fatal.txt"));
        collector(Map.of());
        collector.poll();
        assertThat(seen).isEmpty();
        collector.close();

        collector(Map.of("fromStart", true));
        collector.poll();
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
    }

    @Test
    void garbledAndTruncatedRecordsAreReportedAndTheNextRecordIsRead() throws IOException {
        collector(Map.of("maxRecordLines", 20));
        collector.poll(); // no log yet: what comes is read from its start
        String p4 = fixture("mcelog-p4-corrected-then-fatal.txt");
        String corrected = p4.substring(p4.indexOf("Hardware event."), p4.indexOf("Hardware event.",
                p4.indexOf("Hardware event.") + 1));
        feed("Hardware event. This is not a software error.\nCPU zero BANK one\nSTATUS 9c00000000zz009f MCGSTATUS 0\n"
                + "Hardware event. This is not a software error.\nCPU 0 BANK 1\n" + "MCi status:\n".repeat(25)
                + "\u0000\u00ff garbage \u001b[2J\n" + corrected);

        assertThat(signalsSince(0)).containsExactly(NOTICE, NOTICE, CORRECTED_ERROR);
        assertThat(seen.get(0).summary()).startsWith("mcelog line not understood: not a readable mcelog record: ");
        assertThat(seen.get(0).evidence()).contains("STATUS 9c00000000zz009f MCGSTATUS 0");
        assertThat(seen.get(1).evidence()).hasSize(20);
    }

    @Test
    void correctedRecordsOverTheRateAreReportedOnce() throws IOException {
        collector(Map.of("correctedPerHourThreshold", 2.0));
        collector.poll();
        String p4 = fixture("mcelog-p4-corrected-then-fatal.txt");
        String corrected = p4.substring(p4.indexOf("Hardware event."), p4.indexOf("Hardware event.",
                p4.indexOf("Hardware event.") + 1));
        feed(corrected.repeat(5));
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, CORRECTED_ERROR, CORRECTED_ERROR,
                CORRECTED_RATE_HIGH, CORRECTED_ERROR, CORRECTED_ERROR);
        assertThat(seen.get(3).summary()).isEqualTo("3 corrected machine checks in mcelog's log in 60 min: 3.0 per "
                + "hour, over correctedPerHourThreshold=2.0 (io.vmpool.health.mcelog)");
    }

    @Test
    void configurationErrorsNameTheKeys() {
        assertThatThrownBy(() -> collector(Map.of("host", ""))).hasMessage("host is required in every "
                + "io.vmpool.health.mcelog configuration");
        assertThatThrownBy(() -> collector(Map.of("maxRecordLines", 1))).hasMessageContaining("maxRecordLines")
                .hasMessageContaining("io.vmpool.health.mcelog");
    }
}
