/**
 * vmpool API: the waiting list. A create that may wait ({@link io.vmpool.api.queue.WaitingListService#submit})
 * is kept when the pool is full and booted in order when capacity appears. docs/waiting-list.md.
 */
@Version("1.0.0")
package io.vmpool.api.queue;

import org.osgi.annotation.versioning.Version;
