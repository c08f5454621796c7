package io.vmpool.lock.conformance;

/** A limit the suite asks a backend to configure (each backend maps it to its own configuration key). */
public enum Limit {
    /** Most locks one owner may hold or wait for at once. */
    LOCKS_PER_OWNER,
    /** Most requests that may wait for one resource at once (a request with maxWait 0 never counts). */
    WAITERS_PER_RESOURCE
}
