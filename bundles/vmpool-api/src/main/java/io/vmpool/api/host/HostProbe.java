package io.vmpool.api.host;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a host's hardware for its admission and fingerprint (vmpool-health reads EDAC, dmidecode
 * and the admin's settings file). Called by the core off any request thread's locks; may take as long
 * as its commands' configured timeouts. Must not throw for what it cannot read: that is a failed
 * check, or a fact left out, in the result.
 */
@ConsumerType
public interface HostProbe {

    /**
     * @param host the pool name the host is admitted under
     * @param uri its connection URI (a remote host's name is in it)
     * @param sources where to read, as in {@link AdmissionRequest#sources()}; empty for the probe's defaults
     */
    Result probe(String host, String uri, Map<String, String> sources);

    /** The checks this probe ran and the facts it read. */
    record Result(List<AdmissionCheck> checks, Map<String, String> facts) {
        public Result {
            checks = List.copyOf(checks);
            facts = Map.copyOf(facts);
        }
    }
}
