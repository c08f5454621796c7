/** vmpool API: lock. */
@Version("1.1.0")
package io.vmpool.api.lock;

import org.osgi.annotation.versioning.Version;
