package io.vmpool.hypervisor.libvirt.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a {@link LibvirtConfig} from a few overrides, the rest from the annotation's own defaults. */
final class TestConfig {

    private TestConfig() {
    }

    static LibvirtConfig of(Map<String, Object> overrides) {
        Class<LibvirtConfig> type = LibvirtConfig.class;
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + overrides;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> overrides.containsKey(method.getName())
                            ? overrides.get(method.getName()) : method.getDefaultValue();
                });
        return type.cast(proxy);
    }
}
