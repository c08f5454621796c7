package io.vmpool.lock.conformance;

/**
 * Parts of the contract a backend may opt out of, with a reason, through
 * {@link LockManagerConformance#supports(Feature)}; the cases that need one are then reported as
 * skipped with that reason. Everything else in the contract is mandatory.
 */
public enum Feature {
    /** A second manager on another node shares the first one's locks ({@code newManagerOnAnotherNode}). */
    SECOND_NODE,
    /** A holder that dies (process, session) loses its leases without calling release ({@code killHolder}). */
    HOLDER_DEATH,
    /** A wait-for cycle among the waiters of one manager is refused with a {@code DeadlockException}. */
    DEADLOCK_DETECTION,
    /** A wait-for cycle whose waiters are on different nodes is refused too. Needs {@link #SECOND_NODE}. */
    DEADLOCK_DETECTION_ACROSS_NODES,
    /** A configurable limit of locks one owner may hold or wait for ({@link Limit#LOCKS_PER_OWNER}). */
    LOCKS_PER_OWNER_LIMIT,
    /** A configurable limit of requests waiting for one resource ({@link Limit#WAITERS_PER_RESOURCE}). */
    WAITERS_PER_RESOURCE_LIMIT,
    /** A configurable limit of locks one manager (node) may hold or wait for ({@link Limit#LOCKS_PER_NODE}). */
    LOCKS_PER_NODE_LIMIT,
    /** A configurable longest lease time ({@link Limit#MAX_TTL_SECONDS}). */
    TTL_LIMIT,
    /** A configurable longest wait ({@link Limit#MAX_WAIT_SECONDS}). */
    WAIT_LIMIT
}
