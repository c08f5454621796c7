package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.LockMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One request's znode under a resource, as named by Curator's protected create:
 * {@code _c_<uuid>-EX-0000000042} or {@code _c_<uuid>-SH-0000000042}. The mode is in the name so a
 * queue can be judged from one {@code getChildren}; the ten digits are ZooKeeper's sequence, the
 * queue order.
 */
record LockNode(String name, LockMode mode, long sequence) {
    private static final int DIGITS = 10;

    /** The name prefix given to a create in {@code mode}, before Curator's protection and the sequence. */
    static String prefix(LockMode mode) {
        return mode == LockMode.EXCLUSIVE ? "EX-" : "SH-";
    }

    /** Parses a child name; null for a child that is not a lock request (never created by this backend). */
    static LockNode parse(String name) {
        if (name.length() < DIGITS + 3) {
            return null;
        }
        String tail = name.substring(name.length() - DIGITS);
        String mode = name.substring(name.length() - DIGITS - 3, name.length() - DIGITS);
        if (!tail.chars().allMatch(Character::isDigit)) {
            return null;
        }
        LockMode m = switch (mode) {
            case "EX-" -> LockMode.EXCLUSIVE;
            case "SH-" -> LockMode.SHARED;
            default -> null;
        };
        return m == null ? null : new LockNode(name, m, Long.parseLong(tail));
    }

    /** The lock requests among {@code children}, in queue order. */
    static List<LockNode> queue(List<String> children) {
        List<LockNode> out = new ArrayList<>(children.size());
        for (String c : children) {
            LockNode n = parse(c);
            if (n != null) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingLong(LockNode::sequence));
        return out;
    }

    boolean conflictsWith(LockMode other) {
        return mode == LockMode.EXCLUSIVE || other == LockMode.EXCLUSIVE;
    }
}
