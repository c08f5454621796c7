package io.vmpool.api.host;

import io.vmpool.api.machine.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Admits hosts into the pool after checking them, and keeps and compares their fingerprints.
 * Admin only: other callers get {@link io.vmpool.api.ForbiddenException}.
 */
@ProviderType
public interface HostAdmissionService {

    /**
     * Checks the host (reachable, node info, ECC present and enabled, no uncorrected errors, and what
     * the probes add), records its fingerprint, adds it to the pool and starts its probation.
     *
     * @throws AdmissionRefusedException naming every failed check; nothing was written for the host
     * @throws io.vmpool.api.InvalidRequestException for a request of the wrong shape
     */
    AdmissionReport admit(AdmissionRequest request, Caller caller);

    /**
     * Takes a host with no machines recorded on it out of the pool (its configuration); its fingerprint and
     * events stay, so it can still be compared.
     *
     * @throws io.vmpool.api.ConflictException naming the machines still on it
     * @throws io.vmpool.api.NotFoundException when it is not a pool host
     */
    void remove(String host, Caller caller);

    /** The host's recorded fingerprint. @throws io.vmpool.api.NotFoundException when none is recorded */
    HostFingerprint fingerprint(String host, Caller caller);

    /** Takes and records a new fingerprint of a pool host, from the sources it was admitted with. */
    HostFingerprint refresh(String host, Caller caller);

    /** The two hosts' recorded fingerprints compared (each taken first when it has none and is a pool host). */
    FingerprintDiff diff(String a, String b, Caller caller);
}
