package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockErrorsTest {

    @Test
    void aBlankFieldIsAnInvalidRequest() {
        LockErrors.requireText("owner", "op-1");
        assertThatThrownBy(() -> LockErrors.requireText("owner", " "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("owner"))
                .hasMessage("lock owner must not be blank");
    }

    @Test
    void aTimeoutNamesResourceHoldersAndWait() {
        LockRequest r = new LockRequest("machine:a", LockMode.SHARED, "op-2", Duration.ofMillis(250), Duration.ofMinutes(1));

        assertThat(LockErrors.timeout(r, 251, "'op-1' (EXCLUSIVE, token 3)", 0)).hasMessage("lock 'machine:a' (SHARED) "
                + "not granted to 'op-2' after waiting 251 ms (maxWait 250 ms): held by 'op-1' (EXCLUSIVE, token 3); "
                + "no other request waiting");
        assertThat(LockErrors.timeout(r, 0, "nobody", 2)).hasMessageEndingWith("held by nobody; 2 other request(s) waiting");
    }

    @Test
    void holdersAreListedOrNobody() {
        assertThat(LockErrors.holders(List.of())).isEqualTo("nobody");
        assertThat(LockErrors.holders(List.of("'a'", "'b'"))).isEqualTo("'a', 'b'");
    }

    @Test
    void aLostLeaseSaysHowAndThatWorkMustStop() {
        Lease lease = new Lease() {
            public String resource() {
                return "placement";
            }

            public LockMode mode() {
                return LockMode.EXCLUSIVE;
            }

            public String owner() {
                return "op-3";
            }

            public long token() {
                return 42;
            }

            public Instant acquiredAt() {
                return Instant.EPOCH;
            }

            public Instant expiresAt() {
                return Instant.EPOCH;
            }

            public boolean isValid() {
                return false;
            }

            public void close() {
            }
        };

        assertThat(LockErrors.leaseLost(lease, "was released")).hasMessage("cannot renew the lease on 'placement' of "
                + "'op-3' (token 42): it was released; work under it must stop");
        assertThat(LockErrors.alreadyHeld("placement", "op-3", "'op-3' (EXCLUSIVE)"))
                .hasMessageStartingWith("lock 'placement' is already held by the same owner 'op-3' ('op-3' (EXCLUSIVE))");
        assertThat(LockErrors.notOurs(lease)).hasMessageStartingWith("not a lease of this lock manager");
    }
}
