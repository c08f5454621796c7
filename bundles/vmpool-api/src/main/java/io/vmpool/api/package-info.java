/** vmpool API. */
@Version("1.0.0")
package io.vmpool.api;

import org.osgi.annotation.versioning.Version;
