/** vmpool API: machine. */
@Version("1.2.0")
package io.vmpool.api.machine;

import org.osgi.annotation.versioning.Version;
