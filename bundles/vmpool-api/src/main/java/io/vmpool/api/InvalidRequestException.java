package io.vmpool.api;

/** A request refused before anything changed: names the field and the rule it broke. */
public class InvalidRequestException extends VmpoolException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String rule;

    public InvalidRequestException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    /** The request field that was wrong, e.g. {@code name} or {@code memoryMiB}. */
    public String field() {
        return field;
    }

    /** The rule it broke, e.g. {@code ^[a-z][a-z0-9-]{0,62}$} or {@code <= 65536 (io.vmpool.core maxMemoryMiB)}. */
    public String rule() {
        return rule;
    }
}
