package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.BackendException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Framework properties in the configured URL. */
class UrlPlaceholdersTest {
    private final UrlPlaceholders placeholders = new UrlPlaceholders(Map.of("karaf.data", "/opt/karaf/data")::get);

    @Test
    void replacesKarafData() {
        assertThat(placeholders.resolve("jdbc:h2:file:${karaf.data}/vmpool/inventory"))
                .isEqualTo("jdbc:h2:file:/opt/karaf/data/vmpool/inventory");
    }

    @Test
    void leavesAPlainUrlAlone() {
        assertThat(placeholders.resolve("jdbc:postgresql://db1:5432/vmpool")).isEqualTo("jdbc:postgresql://db1:5432/vmpool");
    }

    @Test
    void anUnknownPropertyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> placeholders.resolve("jdbc:h2:file:${karaf.base}/x"))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("framework property karaf.base is not set");
    }
}
