package io.vmpool.lock.support;

/** Checks of configured values when a configuration arrives; a bad one is refused naming the key and the PID. */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** Throws unless {@code value >= min}: {@code maxLocksPerOwner must be >= 0, is -1 (fix it in <pid>)}. */
    public static void atLeast(String pid, String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", is " + value + " (fix it in " + pid
                    + ")");
        }
    }
}
