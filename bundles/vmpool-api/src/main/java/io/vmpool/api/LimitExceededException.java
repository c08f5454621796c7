package io.vmpool.api;

/** A configured limit was hit: names the limit, its value and the configuration PID that sets it. */
public class LimitExceededException extends VmpoolException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final long value;
    private final String pid;

    public LimitExceededException(String limit, long value, String pid, String message) {
        super(message + " (limit " + limit + "=" + value + ", change it in " + pid + ")");
        this.limit = limit;
        this.value = value;
        this.pid = pid;
    }

    public String limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    public String pid() {
        return pid;
    }
}
