package io.vmpool.lock.local.internal;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.LockRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.function.Supplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new acquisitions with {@link LimitExceededException} ({@code minFreeHeapPercent}) while the heap is
 * nearly full, instead of letting the JVM crawl through full collections into an {@link OutOfMemoryError}.
 * The JVM watches for us: a collection-usage threshold on the tenured pool (the heap pool with the largest
 * maximum) notifies when a collection leaves less than {@code minFreeHeapPercent} of it free, and the listener
 * sets a volatile flag, the only thing the lock path reads. While it is set, each acquisition re-reads the
 * pool's usage after its last collection and clears the flag once a later collection freed enough. The
 * threshold is JVM-wide: one manager per JVM sets it (the last one started wins).
 */
final class HeapGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    private static final long MIB = 1024 * 1024;

    private final int minFreePercent;
    private final String poolName;
    private final Supplier<MemoryUsage> afterLastCollection;
    private final long threshold;
    private final NotificationListener listener = this::notified;
    private final NotificationEmitter emitter;
    private volatile boolean nearlyFull;

    /** A guard over {@code afterLastCollection} of pool {@code poolName} whose maximum is {@code max} bytes. */
    HeapGuard(int minFreePercent, String poolName, long max, Supplier<MemoryUsage> afterLastCollection,
            NotificationEmitter emitter) {
        this.minFreePercent = minFreePercent;
        this.poolName = poolName;
        this.afterLastCollection = afterLastCollection;
        this.threshold = max / 100 * (100 - minFreePercent);
        this.emitter = emitter;
        if (emitter != null) {
            emitter.addNotificationListener(listener, null, null);
        }
    }

    /** The guard for this JVM's tenured pool; a guard that never refuses when off (0) or no pool can be watched. */
    static HeapGuard start(int minFreePercent) {
        if (minFreePercent == 0) {
            return off();
        }
        MemoryPoolMXBean pool = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .max(Comparator.comparingLong(p -> p.getUsage().getMax())).orElse(null);
        long max = pool == null ? -1 : pool.getUsage().getMax();
        if (max <= 0) {
            LOG.warn("minFreeHeapPercent={} not enforced: no heap pool with a maximum and a collection usage "
                    + "threshold in this JVM", minFreePercent);
            return off();
        }
        HeapGuard guard = new HeapGuard(minFreePercent, pool.getName(), max, pool::getCollectionUsage,
                (NotificationEmitter) ManagementFactory.getMemoryMXBean());
        pool.setCollectionUsageThreshold(guard.threshold);
        return guard;
    }

    private static HeapGuard off() {
        return new HeapGuard(0, "none", 0, () -> null, null);
    }

    /** Throws while the heap is nearly full (one volatile read otherwise). */
    void check(LockRequest request) {
        if (nearlyFull && !clearedByLaterCollection()) {
            MemoryUsage u = afterLastCollection.get();
            throw new LimitExceededException("minFreeHeapPercent", minFreePercent, LocalLockConfig.PID,
                    "heap nearly full: " + (u.getMax() - u.getUsed()) / MIB + " MiB free of " + u.getMax() / MIB
                            + " MiB in '" + poolName + "' after the last collection; refused '" + request.owner()
                            + "' lock '" + request.resource() + "'");
        }
    }

    /** Whether the heap is taken to be nearly full now. */
    boolean nearlyFull() {
        return nearlyFull;
    }

    /** Notes the usage a collection left behind: sets the flag when less than the minimum is free. */
    void collected(MemoryUsage afterCollection) {
        if (minFreePercent > 0 && afterCollection != null && afterCollection.getUsed() >= threshold && !nearlyFull) {
            nearlyFull = true;
            LOG.warn("heap nearly full ({} MiB used of {} MiB in '{}' after a collection, minFreeHeapPercent={}): "
                    + "new locks are refused until a collection frees more", afterCollection.getUsed() / MIB,
                    afterCollection.getMax() / MIB, poolName, minFreePercent);
        }
    }

    /** Removes the listener; harmless twice. */
    @Override
    public void close() {
        if (emitter != null) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already removed
            }
        }
    }

    private boolean clearedByLaterCollection() {
        MemoryUsage u = afterLastCollection.get();
        if (u == null || u.getUsed() < threshold) {
            nearlyFull = false;
            LOG.info("heap no longer nearly full ('{}' after the last collection: {} MiB used): new locks are "
                    + "granted again", poolName, u == null ? 0 : u.getUsed() / MIB);
            return true;
        }
        return false;
    }

    private void notified(Notification n, Object handback) {
        if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
            MemoryNotificationInfo info = MemoryNotificationInfo.from((CompositeData) n.getUserData());
            if (poolName.equals(info.getPoolName())) {
                collected(info.getUsage());
            }
        }
    }
}
