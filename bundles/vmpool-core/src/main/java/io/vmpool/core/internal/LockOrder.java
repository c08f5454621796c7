package io.vmpool.core.internal;

import java.util.List;

/**
 * The one order in which an operation takes locks: machine, then placement, then storage
 * group, then volume. Asking for a resource ranked below one already held is a programming
 * error that could deadlock against another operation, so it is refused.
 */
final class LockOrder {
    static final List<String> KINDS = List.of("machine", "placement", "storage", "volume");

    private LockOrder() {
    }

    static int rank(String resource) {
        int colon = resource.indexOf(':');
        String kind = colon < 0 ? resource : resource.substring(0, colon);
        int rank = KINDS.indexOf(kind);
        if (rank < 0) {
            throw new IllegalArgumentException("lock resource '" + resource + "' is of no known kind " + KINDS);
        }
        return rank;
    }

    /** @throws IllegalStateException when {@code next} may not be taken after {@code held} */
    static void check(List<String> held, String next) {
        int r = rank(next);
        for (String h : held) {
            if (rank(h) >= r) {
                throw new IllegalStateException("lock order violation: " + next + " requested while holding " + h
                        + "; the order is " + String.join(" -> ", KINDS));
            }
        }
    }
}
