package io.vmpool.alert.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vmpool.api.health.Alert;
import io.vmpool.api.health.HostState;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink against GreenMail, a real SMTP server, on 127.0.0.1. */
class MailAlertSinkTest {
    private static final Instant FIRST = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final Instant LAST = Instant.parse("2026-03-01T10:19:02Z");

    private final List<MailAlertSink> sinks = new ArrayList<>();
    private GreenMail server;

    @AfterEach
    void stop() {
        sinks.forEach(MailAlertSink::deactivate);
        if (server != null) {
            server.stop();
        }
    }

    private GreenMail startServer(int port, GreenMailConfiguration config) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        server = new GreenMail(port == 0 ? setup.dynamicPort() : setup).withConfiguration(config);
        server.start();
        return server;
    }

    private MailAlertSink sink(int port, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", port);
        config.put("from", "vmpool@example.test");
        config.put("to", "ops@example.test, oncall@example.test");
        config.put("connectTimeoutMillis", 10_000);
        config.put("timeoutMillis", 30_000);
        config.put("retryDelayMillis", 50L);
        config.putAll(overrides);
        MailAlertSink sink = new MailAlertSink(TestConfig.of(MailAlertConfig.class, config));
        sinks.add(sink);
        return sink;
    }

    private static Alert alert(String host, int count, String... evidence) {
        return new Alert(host, "UNCORRECTED_ERROR", HostState.FAILED, count, FIRST, count == 1 ? FIRST : LAST,
                "uncorrected memory error on CPU 2 bank 7", List.of(evidence));
    }

    private static String body(MimeMessage message) throws Exception {
        try (InputStream in = message.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> lines(String body) {
        return List.of(body.split("\r\n", -1));
    }

    private static String state(MailAlertSink sink) {
        MailCounters c = sink.counters();
        return "attempts=" + c.attempts() + " sent=" + c.sent() + " failed=" + c.failedAttempts() + " dropped="
                + c.droppedCount() + " givenUp=" + c.givenUpCount() + " last failure: " + c.lastFailure();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void oneAlertArrivesOnceWithSubjectRecipientsCountTimesStateSummaryAndEvidence() throws Exception {
        GreenMail smtp = startServer(0, GreenMailConfiguration.aConfig());
        MailAlertSink sink = sink(smtp.getSmtp().getPort(), Map.of("subjectPrefix", "[vmpool test]"));

        sink.deliver(alert("node7", 3, "mce: [Hardware Error]: CPU 2: Machine Check: 0 Bank 7: be00000000800090",
                "EDAC MC0: 1 UE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0"));

        Poll.until("the mail arrived", () -> smtp.getReceivedMessages().length == 2, () -> state(sink));
        MimeMessage[] received = smtp.getReceivedMessages(); // one message, one copy per recipient
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[vmpool test] node7 FAILED: UNCORRECTED_ERROR, 3 times");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("vmpool@example.test");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ops@example.test", "oncall@example.test");
        String body = body(mail);
        assertThat(lines(body)).contains("Host:     node7", "State:    FAILED (the host's state now)",
                "Cause:    UNCORRECTED_ERROR",
                "When:     3 times, first at 2026-03-01T10:15:30.123Z, last at 2026-03-01T10:19:02Z",
                "Summary:  uncorrected memory error on CPU 2 bank 7")
                .containsSequence("Evidence (of the first occurrence):",
                        "mce: [Hardware Error]: CPU 2: Machine Check: 0 Bank 7: be00000000800090",
                        "EDAC MC0: 1 UE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0");
        assertThat(body).doesNotContain("dropped").doesNotContain("not delivered");
        assertThat(sink.counters().sent()).isEqualTo(1);
        assertThat(sink.counters().failedAttempts()).isZero();
    }

    @Test
    void aDotOnlyLineAndLinesStartingWithADotArriveIntact() throws Exception {
        GreenMail smtp = startServer(0, GreenMailConfiguration.aConfig());
        MailAlertSink sink = sink(smtp.getSmtp().getPort(), Map.of("to", "ops@example.test"));

        sink.deliver(alert("node1", 1, "before", ".", "..", ".hidden line", "after"));

        Poll.until("the mail arrived", () -> smtp.getReceivedMessages().length == 1, () -> state(sink));
        String body = body(smtp.getReceivedMessages()[0]);
        assertThat(body).contains("When:     once, at 2026-03-01T10:15:30.123Z");
        assertThat(lines(body)).containsSequence("before", ".", "..", ".hidden line", "after");
    }

    @Test
    void authenticatesWithUsernameAndPassword() throws Exception {
        GreenMail smtp = startServer(0, GreenMailConfiguration.aConfig().withUser("vmpool@example.test", "alerts",
                "s3cret"));
        MailAlertSink sink = sink(smtp.getSmtp().getPort(), Map.of("username", "alerts", "password", "s3cret"));

        sink.deliver(alert("node2", 1, "line"));

        Poll.until("the mail arrived", () -> smtp.getReceivedMessages().length == 2, () -> state(sink));
        assertThat(sink.counters().failedAttempts()).isZero();
    }

    @Test
    void aRefusedSendIsRetriedThenGivenUpWithTheServersReply() throws Exception {
        GreenMail smtp = startServer(0, GreenMailConfiguration.aConfig().withUser("vmpool@example.test", "alerts",
                "s3cret"));
        MailAlertSink sink = sink(smtp.getSmtp().getPort(),
                Map.of("username", "alerts", "password", "wrong", "retries", 2));

        sink.deliver(alert("node3", 1, "line"));

        Poll.until("given up", () -> sink.counters().givenUpCount() == 1, () -> state(sink));
        assertThat(sink.counters().failedAttempts()).isEqualTo(3);
        assertThat(sink.counters().lastFailure()).contains("535");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsRequiredRefusesAServerWithoutIt() throws Exception {
        GreenMail smtp = startServer(0, GreenMailConfiguration.aConfig());
        MailAlertSink sink = sink(smtp.getSmtp().getPort(), Map.of("startTls", "required", "retries", 0));

        sink.deliver(alert("node4", 1, "line"));

        Poll.until("given up", () -> sink.counters().givenUpCount() == 1, () -> state(sink));
        assertThat(sink.counters().lastFailure()).containsIgnoringCase("STARTTLS");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void serverDownIsRetriedThenGivenUpAndTheNextMailSaysSo() throws Exception {
        int port = freePort();
        MailAlertSink sink = sink(port, Map.of("retries", 2, "to", "ops@example.test"));

        sink.deliver(alert("node5", 1, "lost"));

        Poll.until("given up", () -> sink.counters().givenUpCount() == 1, () -> state(sink));
        assertThat(sink.counters().failedAttempts()).isEqualTo(3);
        assertThat(sink.counters().lastFailure()).contains("127.0.0.1").contains(Integer.toString(port))
                .containsIgnoringCase("connect");

        GreenMail smtp = startServer(port, GreenMailConfiguration.aConfig());
        sink.deliver(alert("node6", 1, "found"));
        Poll.until("the mail arrived", () -> smtp.getReceivedMessages().length == 1, () -> state(sink));
        assertThat(body(smtp.getReceivedMessages()[0])).contains("found")
                .contains("1 alert was not delivered: the SMTP server refused or could not be reached on every "
                        + "attempt (retries = 2 in io.vmpool.alert.mail)");
    }

    /**
     * The mail thread is stuck in the first send (a listening socket that never says hello): deliver still
     * returns, and once more than maxQueuedAlerts wait the oldest waiting one is dropped; when a server comes
     * up on that port the stuck alert is retried and says one alert was dropped, then the rest follow.
     */
    @Test
    void deliverNeverWaitsForTheServerAndAFullQueueDropsTheOldest() throws Exception {
        int port;
        MailAlertSink sink;
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = silent.getLocalPort();
            silent.setSoTimeout((int) Poll.DEADLINE.toMillis());
            sink = sink(port, Map.of("maxQueuedAlerts", 2, "retries", 1000, "retryDelayMillis", 100L,
                    "timeoutMillis", 600_000, "to", "ops@example.test"));
            sink.deliver(alert("stuck", 1, "first"));
            try (Socket connection = silent.accept()) {
                // the mail thread is connected and waits for a greeting that does not come
                sink.deliver(alert("dropped", 1, "second"));
                sink.deliver(alert("kept1", 1, "third"));
                sink.deliver(alert("kept2", 1, "fourth"));

                assertThat(sink.counters().attempts()).isEqualTo(1);
                assertThat(sink.counters().sent()).isZero();
                assertThat(sink.counters().droppedCount()).isEqualTo(1);
            } // closed: the send fails and is retried
        }
        GreenMail smtp = startServer(port, GreenMailConfiguration.aConfig());

        MailAlertSink s = sink;
        Poll.until("three mails arrived", () -> smtp.getReceivedMessages().length == 3, () -> state(s));
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        assertThat(subjects).containsExactly("[vmpool] stuck FAILED: UNCORRECTED_ERROR",
                "[vmpool] kept1 FAILED: UNCORRECTED_ERROR", "[vmpool] kept2 FAILED: UNCORRECTED_ERROR");
        assertThat(body(smtp.getReceivedMessages()[0])).contains("1 alert was dropped before this mail: the queue "
                + "was full (maxQueuedAlerts = 2 in io.vmpool.alert.mail)");
        assertThat(body(smtp.getReceivedMessages()[1])).doesNotContain("dropped");
        assertThat(sink.counters().failedAttempts()).isPositive();
        assertThat(sink.counters().givenUpCount()).isZero();
    }
}
