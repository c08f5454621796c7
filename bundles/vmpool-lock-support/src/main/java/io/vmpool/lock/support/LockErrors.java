package io.vmpool.lock.support;

import io.vmpool.api.ConflictException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.util.StringJoiner;

/** The errors every lock backend raises, worded once, so a user reads the same whichever backend is active. */
public final class LockErrors {
    private LockErrors() {
    }

    /** Refuses a blank resource or owner: {@code lock owner must not be blank}. */
    public static void requireText(String field, String value) {
        // a name that starts with a non-blank character is not blank: no scan of the rest
        if (value.isEmpty() || (Character.isWhitespace(value.charAt(0)) && value.isBlank())) {
            throw new InvalidRequestException(field, "not blank", "lock " + field + " must not be blank");
        }
    }

    /** An owner asked again for a resource it holds ({@code holders}: who holds it, as {@link #holders} says). */
    public static ConflictException alreadyHeld(String resource, String owner, String holders) {
        return new ConflictException("lock '" + resource + "' is already held by the same owner '" + owner + "' ("
                + holders + "); an owner holds a resource at most once: release it first, or use another owner id "
                + "for a second holder");
    }

    /**
     * The request was not granted within its wait: how long it waited, who holds the resource, and how many
     * other requests wait for it.
     */
    public static LockTimeoutException timeout(LockRequest request, long waitedMillis, String holders,
            int othersWaiting) {
        return new LockTimeoutException("lock '" + request.resource() + "' (" + request.mode() + ") not granted to '"
                + request.owner() + "' after waiting " + waitedMillis + " ms (maxWait " + request.maxWait().toMillis()
                + " ms): held by " + holders + "; "
                + (othersWaiting <= 0 ? "no other request waiting" : othersWaiting + " other request(s) waiting"));
    }

    /** A renew of a lease that ended; {@code why} says how, e.g. {@code was released} or {@code lapsed at ...}. */
    public static LeaseLostException leaseLost(Lease lease, String why) {
        return new LeaseLostException("cannot renew the lease on '" + lease.resource() + "' of '" + lease.owner()
                + "' (token " + lease.token() + "): it " + why + "; work under it must stop");
    }

    /** A lease handed to a manager that did not grant it. */
    public static IllegalArgumentException notOurs(Lease lease) {
        return new IllegalArgumentException("not a lease of this lock manager: " + lease);
    }

    /** Holder descriptions joined for a message: {@code 'op-1' (...), 'op-2' (...)}, or {@code nobody}. */
    public static String holders(Iterable<String> descriptions) {
        StringJoiner j = new StringJoiner(", ");
        descriptions.forEach(j::add);
        return j.length() == 0 ? "nobody" : j.toString();
    }
}
