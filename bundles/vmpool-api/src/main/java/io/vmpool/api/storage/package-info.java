/** vmpool API: storage. */
@Version("1.1.0")
package io.vmpool.api.storage;

import org.osgi.annotation.versioning.Version;
