package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.LockMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one resource's queue of requests, read from its children in sequence order: an
 * exclusive request holds when it is first; a shared one when no exclusive request is ahead of it.
 * So consecutive shared requests at the head hold together and a shared request never overtakes a
 * queued exclusive one.
 */
record LockQueue(List<LockNode> nodes) {

    static LockQueue of(List<String> children) {
        return new LockQueue(LockNode.queue(children));
    }

    /** The position of {@code name}, or -1 when it is not (or no longer) in the queue. */
    int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the request at {@code index} holds the lock now. */
    boolean holds(int index) {
        LockNode n = nodes.get(index);
        if (n.mode() == LockMode.EXCLUSIVE) {
            return index == 0;
        }
        for (int i = 0; i < index; i++) {
            if (nodes.get(i).mode() == LockMode.EXCLUSIVE) {
                return false;
            }
        }
        return true;
    }

    /** The requests holding the lock now: the first exclusive one, or the run of shared ones at the head. */
    List<LockNode> holders() {
        List<LockNode> out = new ArrayList<>(1);
        for (int i = 0; i < nodes.size() && holds(i); i++) {
            out.add(nodes.get(i));
            if (nodes.get(i).mode() == LockMode.EXCLUSIVE) {
                break;
            }
        }
        return out;
    }

    /** The requests ahead of {@code index} it cannot share the lock with (it waits for all of them). */
    List<LockNode> blockersOf(int index) {
        LockMode mode = nodes.get(index).mode();
        List<LockNode> out = new ArrayList<>(1);
        for (int i = 0; i < index; i++) {
            if (nodes.get(i).conflictsWith(mode)) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }

    /**
     * The one request whose deletion may let the request at {@code index} in: the one just ahead for an
     * exclusive request, the nearest exclusive one ahead for a shared request (no herd on a release).
     */
    LockNode watchTargetOf(int index) {
        List<LockNode> blockers = blockersOf(index);
        return blockers.isEmpty() ? null : blockers.get(blockers.size() - 1);
    }

    /** How many requests wait (do not hold) now. */
    int waiting() {
        return nodes.size() - holders().size();
    }
}
