/**
 * What every vmpool lock backend does the same way: the limits of docs/locking.md and their checks,
 * the counters behind {@code stats()}, the words of deadlock, timeout and lease-lost errors, lease
 * terms on the monotonic clock, and the node name. Backends never import each other; they share
 * this instead. Not an API for callers of the lock layer (that is {@code io.vmpool.api.lock}).
 */
@Version("1.2.0")
package io.vmpool.lock.support;

import org.osgi.annotation.versioning.Version;
