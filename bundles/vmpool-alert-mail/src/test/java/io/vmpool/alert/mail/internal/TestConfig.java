package io.vmpool.alert.mail.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a config annotation instance from a few overrides, the rest from the annotation's own defaults. */
final class TestConfig {
    private TestConfig() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + overrides;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    return overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
