package io.vmpool.alert.mail.internal;

import io.vmpool.api.health.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The subject and plain-text body mailed for one alert, with what was lost since the last mail. */
record AlertMail(String subject, String body) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    /**
     * @param losses alerts dropped or given up since the last mail that went out, reported in this one
     */
    static AlertMail of(Alert alert, String subjectPrefix, Losses losses) {
        String times = alert.count() == 1 ? "" : ", " + alert.count() + " times";
        String subject = oneLine((subjectPrefix.isEmpty() ? "" : subjectPrefix + " ") + alert.host()
                + (alert.state() == null ? "" : " " + alert.state()) + ": " + alert.cause() + times);

        StringBuilder body = new StringBuilder();
        line(body, "Host:     " + alert.host());
        if (alert.state() != null) { // null: an alert about the pool, not one host
            line(body, "State:    " + alert.state() + " (the host's state now)");
        }
        line(body, "Cause:    " + alert.cause());
        if (alert.count() == 1) {
            line(body, "When:     once, at " + time(alert.first()));
        } else {
            line(body, "When:     " + alert.count() + " times, first at " + time(alert.first()) + ", last at "
                    + time(alert.last()));
        }
        line(body, "Summary:  " + oneLine(alert.summary()));
        body.append("\r\n");
        if (alert.evidence().isEmpty()) {
            line(body, "No evidence lines.");
        } else {
            line(body, "Evidence (of the first occurrence):");
            for (String evidence : alert.evidence()) {
                for (String part : evidence.split("\r\n|\r|\n", -1)) {
                    line(body, part);
                }
            }
        }
        if (!losses.none()) {
            body.append("\r\n");
            line(body, losses.describe());
        }
        return new AlertMail(subject, body.toString());
    }

    private static String time(Instant at) {
        return at == null ? "unknown" : TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void line(StringBuilder body, String text) {
        body.append(text).append("\r\n");
    }

    /** Header-safe: control characters (a line break would start a new header) become spaces. */
    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }
}
