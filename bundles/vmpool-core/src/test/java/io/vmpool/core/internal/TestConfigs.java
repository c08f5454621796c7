package io.vmpool.core.internal;

import java.util.Map;
import org.osgi.util.converter.Converters;

/** Typed configurations for tests, built the way DS builds them: from a property map. */
final class TestConfigs {
    private TestConfigs() {
    }

    static CoreConfig core() {
        return core(Map.of());
    }

    static CoreConfig core(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(CoreConfig.class);
    }
}
