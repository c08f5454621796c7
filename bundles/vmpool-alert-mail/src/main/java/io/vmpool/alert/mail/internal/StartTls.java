package io.vmpool.alert.mail.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether the SMTP session is upgraded to TLS with STARTTLS (key {@code startTls}). */
enum StartTls {
    /** Plain text throughout. */
    NONE,
    /** Upgraded when the server offers STARTTLS, plain text otherwise. */
    OPTIONAL,
    /** No mail is sent unless the server offers STARTTLS and the upgrade succeeds. */
    REQUIRED;

    static StartTls parse(String value) {
        for (StartTls mode : values()) {
            if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw MailSettings.invalid("startTls", "one of", "startTls is '" + value + "', must be one of "
                + Arrays.stream(values()).map(StartTls::key).collect(Collectors.joining(", ")));
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
