/** vmpool API: inventory. */
@Version("1.4.0")
package io.vmpool.api.inventory;

import org.osgi.annotation.versioning.Version;
