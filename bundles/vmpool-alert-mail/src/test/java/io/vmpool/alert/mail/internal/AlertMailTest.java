package io.vmpool.alert.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.HostState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMailTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void lineBreaksCannotReachTheHeadersAndSplitEvidenceIntoLines() {
        Alert alert = new Alert("node1", "PANIC\r\nBcc: someone@example.test", HostState.FAILED, 1, AT, AT,
                "two\nlines", List.of("one\ntwo\r\nthree"));

        AlertMail mail = AlertMail.of(alert, "[vmpool]", new Losses(0, 0, 10, 3));

        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("[vmpool] node1 FAILED: PANIC  Bcc: someone@example.test");
        assertThat(mail.body()).contains("Summary:  two lines\r\n").contains("\r\none\r\ntwo\r\nthree\r\n")
                .doesNotContain("dropped");
    }

    @Test
    void anAlertAboutThePoolHasNoHostStateInItsSubjectOrBody() {
        Alert digest = new Alert("pool", "demand.digest", null, 3, AT, AT.plusSeconds(60),
                "3 create(s) refused for lack of capacity", List.of());

        AlertMail mail = AlertMail.of(digest, "[vmpool]", new Losses(0, 0, 10, 3));

        assertThat(mail.subject()).isEqualTo("[vmpool] pool: demand.digest, 3 times");
        assertThat(mail.body()).contains("Host:     pool\r\n").doesNotContain("State:").doesNotContain("null");
    }

    @Test
    void lossesAreReportedWithTheLimitAndWhereItIsSet() {
        Alert alert = new Alert("node1", "PANIC", HostState.FAILED, 2, AT, AT.plusSeconds(60), "s", List.of());

        AlertMail mail = AlertMail.of(alert, "", new Losses(3, 1, 10, 2));

        assertThat(mail.subject()).isEqualTo("node1 FAILED: PANIC, 2 times");
        assertThat(mail.body()).contains("No evidence lines.")
                .contains("3 alerts were dropped before this mail: the queue was full (maxQueuedAlerts = 10 in "
                        + "io.vmpool.alert.mail)")
                .contains("1 alert was not delivered: the SMTP server refused or could not be reached on every "
                        + "attempt (retries = 2 in io.vmpool.alert.mail)");
    }
}
