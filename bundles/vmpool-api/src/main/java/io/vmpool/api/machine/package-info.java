/** vmpool API: machine. */
@Version("1.5.0")
package io.vmpool.api.machine;

import org.osgi.annotation.versioning.Version;
