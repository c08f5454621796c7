package io.vmpool.core.internal;

/**
 * Told by the machine service when the pool's free capacity may have changed (a machine created or deleted, a
 * host added): the waiting list and the capacity alerts. Called on the caller's thread: must only schedule work.
 */
public interface PoolListener {
    void poolChanged(String why);
}
