package io.vmpool.health.internal.console;

import static io.vmpool.api.health.Signal.CORRECTED_ERROR;
import static io.vmpool.api.health.Signal.FATAL_MACHINE_CHECK;
import static io.vmpool.api.health.Signal.NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Await;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import io.vmpool.health.internal.collect.TcpFollower;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console collector on a TCP console stream: a real server socket on 127.0.0.1 plays the console
 * server, writes the real QEMU captures in chunks that cut lines, drops the connection in the middle of a
 * record and takes the next connection. The reconnection delay runs on the test's clock.
 */
class ConsoleTcpTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    private static final int CHUNK = 777;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthObservation> seen = new ArrayList<>();
    private ServerSocket server;
    private ConsoleCollector collector;

    private ConsoleCollector collector(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "h1", "tcp", "127.0.0.1:" + server.getLocalPort()));
        config.putAll(overrides);
        collector = new ConsoleCollector(seen::add, Fixtures.console(config), dir.resolve("spool"), clock);
        return collector;
    }

    private void listen(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server.setSoTimeout(20_000); // a generous bound on accept, never a wait for something to happen
    }

    @AfterEach
    void close() throws IOException {
        if (collector != null) {
            collector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TcpFollower follower() {
        return (TcpFollower) collector.follower();
    }

    /** Polls the collector until the condition holds. */
    private void pollUntil(String what, BooleanSupplier condition) {
        Await.until(what, () -> {
            collector.poll();
            return condition.getAsBoolean();
        });
    }

    /** The collector connects at its next poll; the server takes the connection. */
    private Socket accept() throws IOException {
        collector.poll();
        Socket console = server.accept();
        pollUntil("connected", follower()::connected);
        return console;
    }

    /** Writes in chunks that cut lines, as a console server's writes do, and waits until all of it was read. */
    private void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += CHUNK) {
            out.write(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + CHUNK)));
            out.flush();
        }
        String lastLine = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1, text.length() - 1)
                .replaceAll("\r+$", "");
        pollUntil("the last line written read", () -> collector.tail(1).equals(List.of(lastLine)));
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(Fixtures.path(name), StandardCharsets.UTF_8);
    }

    private List<Signal> signalsSince(int from) {
        return seen.subList(from, seen.size()).stream().map(HealthObservation::signal).toList();
    }

    @Test
    void readsTheStreamAndAfterADropInARecordReportsItCutOffAndReconnects() throws IOException {
        listen(0);
        collector(Map.of());

        Socket first = accept();
        write(first.getOutputStream(), fixture("qemu-corrected-then-fatal.log"));
        assertThat(signalsSince(0)).containsExactly(NOTICE, CORRECTED_ERROR, FATAL_MACHINE_CHECK, NOTICE,
                FATAL_MACHINE_CHECK);
        assertThat(seen.get(1).summary()).isEqualTo("corrected machine check on CPU 0 bank 1: memory controller error: "
                + "memory read error, channel not specified, address 0x12345000 (status 9c0000000000009f)");
        assertThat(seen).allSatisfy(o -> assertThat(o.source()).isEqualTo("console"));

        // the console server goes away in the middle of a record
        String broadcast = fixture("qemu-broadcast-fatal.log");
        int header = broadcast.indexOf("Machine Check Exception");
        int cut = broadcast.indexOf('\n', header) + 1;
        int before = seen.size();
        write(first.getOutputStream(), broadcast.substring(0, cut));
        first.close();
        pollUntil("the connection seen closed", () -> !follower().connected());
        assertThat(signalsSince(before)).last().isEqualTo(FATAL_MACHINE_CHECK);
        assertThat(seen.get(seen.size() - 1).summary()).endsWith("(record cut off)").contains("CPU 1 bank 3");
        assertThat(follower().waitingMillis()).isEqualTo(1000);

        // no new connection before the delay has passed on the clock
        collector.poll();
        collector.poll();
        assertThat(follower().connected()).isFalse();
        clock.advance(Duration.ofMillis(1000));

        Socket second = accept();
        before = seen.size();
        write(second.getOutputStream(), fixture("qemu-intel-srao-print-all.log"));
        // a new parser for the new connection: events logged, the page, the SRAO record, the fatal one, verdict, panic
        assertThat(signalsSince(before)).containsExactly(NOTICE, Signal.UNCORRECTED_ERROR, Signal.UNCORRECTED_ERROR,
                FATAL_MACHINE_CHECK, NOTICE, FATAL_MACHINE_CHECK);
        List<String> last = Fixtures.lines("qemu-intel-srao-print-all.log");
        assertThat(collector.tail(3)).containsExactlyElementsOf(last.subList(last.size() - 3, last.size()));
        second.close();
    }

    @Test
    void aRefusedConnectionIsTriedAgainLaterAndLaterUpToTheLongestDelay() throws IOException {
        listen(0);
        int port = server.getLocalPort();
        server.close(); // nothing listens there now: connections are refused
        collector(Map.of("tcp", "127.0.0.1:" + port, "reconnectMillis", 1000L, "reconnectMaxMillis", 4000L));

        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            int failures = attempt;
            pollUntil("attempt " + attempt + " refused", () -> follower().failures() == failures);
            waits.add(follower().waitingMillis());
            collector.poll(); // too early for the next attempt
            collector.poll();
            assertThat(follower().failures()).isEqualTo(attempt);
            clock.advance(Duration.ofMillis(follower().waitingMillis()));
        }
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 4000L);

        // the console server comes back on its port: the next attempt connects and reads
        listen(port);
        Socket console = accept();
        write(console.getOutputStream(), "[    1.0] Kernel panic - not syncing: Attempted to kill init!\n");
        assertThat(seen).extracting(HealthObservation::signal).containsExactly(Signal.PANIC);
        console.close();
    }

    @Test
    void configurationErrorsNameBothKeys() throws IOException {
        listen(0);
        assertThatThrownBy(() -> collector(Map.of("path", dir.resolve("ttyS0.log").toString())))
                .hasMessage("console of h1: exactly one of path (a console log file) and tcp (host:port of a console "
                        + "stream) must be set in io.vmpool.health.console, both are");
        assertThatThrownBy(() -> new ConsoleCollector(seen::add, Fixtures.console(Map.of("host", "h1")),
                dir.resolve("spool"), clock)).hasMessageEndingWith("must be set in io.vmpool.health.console, neither is");
        assertThatThrownBy(() -> collector(Map.of("tcp", "127.0.0.1"))).hasMessage("console of h1: tcp in "
                + "io.vmpool.health.console: '127.0.0.1' is not host:port with a port from 1 to 65535 (e.g. "
                + "127.0.0.1:7001, [::1]:7001)");
        assertThatThrownBy(() -> collector(Map.of("tcp", "::1:7001"))).hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> collector(Map.of("reconnectMaxMillis", 10L)))
                .hasMessageContaining("reconnectMaxMillis at least reconnectMillis");
    }
}
