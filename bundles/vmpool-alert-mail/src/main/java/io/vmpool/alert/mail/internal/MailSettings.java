package io.vmpool.alert.mail.internal;

import io.vmpool.api.InvalidRequestException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** The checked configuration: every value valid, or activation fails naming the key and the PID. */
record MailSettings(String host, int port, InternetAddress from, List<InternetAddress> to, String subjectPrefix,
        String username, String password, StartTls startTls, int connectTimeoutMillis, int timeoutMillis,
        int maxQueuedAlerts, int retries, long retryDelayMillis) {

    static MailSettings of(MailAlertConfig config) {
        String host = required("host", config.host());
        boolean hostAndPort = host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':');
        if (hostAndPort || host.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("host", "host name", "host '" + host + "' must be a host name or address without port "
                    + "(the port is the key port)");
        }
        int port = config.port();
        if (port < 1 || port > 65535) {
            throw invalid("port", "1..65535", "port is " + port + ", must be 1..65535");
        }
        InternetAddress from = address("from", required("from", config.from()));
        List<InternetAddress> to = addresses(required("to", config.to()));
        String username = config.username() == null ? "" : config.username().trim();
        String password = config.password() == null ? "" : config.password();
        if (!username.isEmpty() && password.isEmpty()) {
            throw invalid("password", "required with username", "username is set but password is empty");
        }
        if (username.isEmpty() && !password.isEmpty()) {
            throw invalid("username", "required with password", "password is set but username is empty");
        }
        return new MailSettings(host, port, from, to, config.subjectPrefix() == null ? "" : config.subjectPrefix().strip(),
                username, password, StartTls.parse(config.startTls()),
                positive("connectTimeoutMillis", config.connectTimeoutMillis()),
                positive("timeoutMillis", config.timeoutMillis()),
                positive("maxQueuedAlerts", config.maxQueuedAlerts()),
                notNegative("retries", config.retries()),
                notNegative("retryDelayMillis", config.retryDelayMillis()));
    }

    boolean authenticates() {
        return !username.isEmpty();
    }

    /** Where mail goes, for messages: {@code smtp host:port}. */
    String server() {
        return "smtp " + host + ":" + port;
    }

    static InvalidRequestException invalid(String key, String rule, String message) {
        return new InvalidRequestException(key, rule, message + " (set " + key + " in " + MailAlertConfig.PID + ")");
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "required", key + " is not set");
        }
        return value.strip();
    }

    private static InternetAddress address(String key, String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw invalid(key, "mail address", key + " '" + value + "' is not a mail address: " + e.getMessage());
        }
    }

    private static List<InternetAddress> addresses(String value) {
        String[] parts = value.split(",");
        InternetAddress[] parsed = new InternetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw invalid("to", "mail addresses", "to '" + value + "' has an empty entry");
            }
            parsed[i] = address("to", parts[i].strip());
        }
        return List.of(parsed);
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw invalid(key, "positive", key + " is " + value + ", must be at least 1");
        }
        return value;
    }

    private static int notNegative(String key, int value) {
        if (value < 0) {
            throw invalid(key, "not negative", key + " is " + value + ", must be 0 or more");
        }
        return value;
    }

    private static long notNegative(String key, long value) {
        if (value < 0) {
            throw invalid(key, "not negative", key + " is " + value + ", must be 0 or more");
        }
        return value;
    }

    @Override
    public String toString() {
        return server() + " from " + from + " to " + to + " (startTls=" + startTls.key()
                + (authenticates() ? ", user " + username : "") + ")";
    }
}
