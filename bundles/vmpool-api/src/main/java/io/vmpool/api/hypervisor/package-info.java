/** vmpool API: hypervisor. */
@Version("1.1.0")
package io.vmpool.api.hypervisor;

import org.osgi.annotation.versioning.Version;
