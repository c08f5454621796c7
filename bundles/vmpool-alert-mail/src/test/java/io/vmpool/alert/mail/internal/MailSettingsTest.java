package io.vmpool.alert.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

    static Map<String, Object> valid() {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("from", "vmpool@example.test");
        config.put("to", "ops@example.test");
        return config;
    }

    private static MailSettings settings(Map<String, Object> config) {
        return MailSettings.of(TestConfig.of(MailAlertConfig.class, config));
    }

    private static void refused(String key, Object value, String... words) {
        Map<String, Object> config = valid();
        config.put(key, value);
        assertThatThrownBy(() -> settings(config)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(key).hasMessageContaining("io.vmpool.alert.mail").hasMessageContaining(words[0])
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(key));
    }

    @Test
    void defaultsAndTheThreeRequiredKeysMakeValidSettings() {
        MailSettings settings = settings(valid());
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.startTls()).isEqualTo(StartTls.OPTIONAL);
        assertThat(settings.authenticates()).isFalse();
        assertThat(settings.to()).extracting(a -> a.getAddress()).containsExactly("ops@example.test");
    }

    @Test
    void toIsACommaList() {
        Map<String, Object> config = valid();
        config.put("to", "a@example.test, Ops Team <b@example.test>");
        assertThat(settings(config).to()).extracting(a -> a.getAddress()).containsExactly("a@example.test", "b@example.test");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        for (String key : new String[] {"host", "from", "to"}) {
            Map<String, Object> config = valid();
            config.remove(key);
            assertThatThrownBy(() -> settings(config)).isInstanceOf(InvalidRequestException.class)
                    .hasMessage(key + " is not set (set " + key + " in io.vmpool.alert.mail)");
        }
    }

    @Test
    void badValuesAreRefusedNamingKeyRuleAndPid() {
        refused("host", "mail.example.test:25", "port");
        refused("port", 0, "1..65535");
        refused("port", 65536, "1..65535");
        refused("from", "not an address", "not a mail address");
        refused("to", "ops@example.test,,b@example.test", "empty entry");
        refused("to", "ops@", "not a mail address");
        refused("startTls", "sometimes", "none, optional, required");
        refused("connectTimeoutMillis", 0, "at least 1");
        refused("timeoutMillis", -1, "at least 1");
        refused("maxQueuedAlerts", 0, "at least 1");
        refused("retries", -1, "0 or more");
        refused("retryDelayMillis", -1L, "0 or more");
    }

    @Test
    void usernameAndPasswordGoTogether() {
        Map<String, Object> userOnly = valid();
        userOnly.put("username", "alerts");
        assertThatThrownBy(() -> settings(userOnly)).hasMessage(
                "username is set but password is empty (set password in io.vmpool.alert.mail)");
        Map<String, Object> passwordOnly = valid();
        passwordOnly.put("password", "secret");
        assertThatThrownBy(() -> settings(passwordOnly)).hasMessage(
                "password is set but username is empty (set username in io.vmpool.alert.mail)");
    }

    @Test
    void thePasswordIsNeverShown() {
        Map<String, Object> config = valid();
        config.put("username", "alerts");
        config.put("password", "s3cret");
        assertThat(settings(config).toString()).contains("alerts").doesNotContain("s3cret");
    }
}
