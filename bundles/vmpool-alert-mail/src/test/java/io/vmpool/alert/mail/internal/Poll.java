package io.vmpool.alert.mail.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline, so a slow machine only makes a test slower. */
final class Poll {
    static final Duration DEADLINE = Duration.ofSeconds(120);

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + " (now: " + state.get() + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
