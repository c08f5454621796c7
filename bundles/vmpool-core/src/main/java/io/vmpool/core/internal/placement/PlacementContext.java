package io.vmpool.core.internal.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a filter may look at besides the host: the memory asked for, and the pool's usable hosts (those
 * passing every host-only filter), which N+k needs; {@code memo} keeps what a filter worked out once for the
 * whole decision (one context per decision, one thread).
 */
public record PlacementContext(long memoryMiB, List<HostLoad> usable, Map<Class<?>, Object> memo) {

    public PlacementContext(long memoryMiB, List<HostLoad> usable) {
        this(memoryMiB, usable, new HashMap<>());
    }

    /** What {@code make} gives, made at the first call for this decision. */
    @SuppressWarnings("unchecked")
    <T> T memo(Class<T> key, Supplier<T> make) {
        return (T) memo.computeIfAbsent(key, k -> make.get());
    }
}
