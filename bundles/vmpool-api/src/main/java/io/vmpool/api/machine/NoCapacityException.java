package io.vmpool.api.machine;

import io.vmpool.api.ConflictException;
import java.util.List;

/** No host could take the machine; carries, per host, why not and what it had free. */
public class NoCapacityException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final List<HostRefusal> refusals;

    public NoCapacityException(String message, List<HostRefusal> refusals) {
        super(message + describe(refusals));
        this.refusals = List.copyOf(refusals);
    }

    public List<HostRefusal> refusals() {
        return refusals;
    }

    private static String describe(List<HostRefusal> refusals) {
        if (refusals.isEmpty()) {
            return ": the pool has no hosts";
        }
        StringBuilder sb = new StringBuilder(":");
        for (HostRefusal r : refusals) {
            sb.append("\n  ").append(r);
        }
        return sb.toString();
    }
}
