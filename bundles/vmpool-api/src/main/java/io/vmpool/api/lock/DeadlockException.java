package io.vmpool.api.lock;

import java.util.List;

/**
 * The waiter that would close a wait-for cycle is refused instead of waiting forever. The
 * message says the cycle in words; {@link #cycle()} lists it as "owner waits for resource held by
 * owner" steps.
 */
public class DeadlockException extends LockTimeoutException {
    private static final long serialVersionUID = 1L;
    private final List<String> cycle;

    public DeadlockException(String message, List<String> cycle) {
        super(message);
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
