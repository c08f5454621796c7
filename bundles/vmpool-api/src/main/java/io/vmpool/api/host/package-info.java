/**
 * Admitting hosts into the pool and comparing them: the checks a host passes before it takes
 * machines, the fingerprint recorded of it, and the differences between two fingerprints.
 * Implemented by the core ({@link io.vmpool.api.host.HostAdmissionService}); hardware probes
 * ({@link io.vmpool.api.host.HostProbe}) come from other bundles (vmpool-health). docs/admission.md
 */
@Version("1.0.0")
package io.vmpool.api.host;

import org.osgi.annotation.versioning.Version;
