package io.vmpool.lock.conformance;

/**
 * A limit the suite asks a backend to configure (each backend maps it to its own configuration key).
 * New limits are added at the end; a backend that cannot set one opts out of its {@link Feature}.
 */
public enum Limit {
    /** Most locks one owner may hold or wait for at once. */
    LOCKS_PER_OWNER,
    /** Most requests that may wait for one resource at once (a request with maxWait 0 never counts). */
    WAITERS_PER_RESOURCE,
    /** Most locks one manager (node) may hold or wait for at once, all owners together. */
    LOCKS_PER_NODE,
    /** Longest lease time, in seconds, an acquire or renew may ask for. */
    MAX_TTL_SECONDS,
    /** Longest {@code maxWait}, in seconds, an acquire may ask for. */
    MAX_WAIT_SECONDS
}
