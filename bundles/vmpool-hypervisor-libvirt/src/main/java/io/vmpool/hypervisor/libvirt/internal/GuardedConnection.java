package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.HypervisorException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt connection shared by many threads: calls run side by side, and close never frees the
 * connection under a running call.
 *
 * <p>libvirt allows one {@code virConnectPtr} to be used by many threads at once, and libvirt-java
 * reads each error from libvirt's per-thread last error, so calls share a read lock. What is not
 * thread-safe is libvirt-java's {@code Connect.close()}: it frees the native connection and then
 * nulls a plain field, so a call racing with it could use freed memory (and crash the JVM). The
 * native close therefore runs only under the write lock, and every call after {@link #close()}
 * fails at once.
 */
final class GuardedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);

    private final String uri;
    private final LibvirtConnection connection;
    private final Duration closeWait;
    /**
     * Replaces libvirt's default handler, which prints every error (even "Domain not found") to the
     * process's stderr. Held here because JNA frees a callback's native stub once the Java object is
     * collected, while libvirt keeps calling it as long as the connection lives.
     */
    private final ErrorCallback quietErrors = new ErrorCallback();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param closeWait how long {@link #close()} waits for the connection to close (zero: not at all) */
    GuardedConnection(String uri, LibvirtConnection connection, Duration closeWait) throws LibvirtException {
        this.uri = uri;
        this.connection = connection;
        this.closeWait = closeWait;
        connection.setConnectionErrorCallback(quietErrors);
    }

    /** Runs {@code call}; a libvirt error becomes a HypervisorException saying {@code what} failed and libvirt's words. */
    <T> T call(String what, Call<T> call) {
        failIfClosed(what); // before the lock too: a close stuck on a hung daemon holds it
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            failIfClosed(what);
            return call.on(connection);
        } catch (LibvirtException e) {
            throw new HypervisorException(uri, what + ": " + LibvirtErrors.message(e), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code virConnectIsAlive} alone is not enough: without an event loop nobody reads the socket, so
     * a remote connection whose daemon died still says "alive" until a call fails. The version query
     * is one cheap round trip to the daemon (an in-process call for test:///).
     */
    boolean isAlive() {
        if (closed.get()) {
            return false;
        }
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            return !closed.get() && connection.isAlive() && connection.getLibVersion() > 0;
        } catch (LibvirtException e) {
            LOG.debug("{} does not answer: {}", uri, LibvirtErrors.message(e));
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection once, on a thread of its own that first waits for calls in flight, and
     * waits for that thread up to {@code closeWait}: both those calls and libvirt's own close (a round
     * trip to the daemon) block forever on a hung remote daemon, as libvirt sends no keepalives
     * without an event loop.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread closer = new Thread(this::release, "vmpool libvirt close " + uri);
        closer.setDaemon(true);
        closer.start();
        if (closeWait.isZero()) {
            return;
        }
        try {
            closer.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("{}: the libvirt connection is still closing after {} s (calls in flight, or a daemon that "
                    + "does not answer); it goes on closing in the background (closeWaitSeconds in etc/{}.cfg)",
                    uri, closeWait.toSeconds(), LibvirtConfig.PID);
        }
    }

    private void release() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            connection.setConnectionErrorCallback(null); // libvirt's default again: close needs no stub of ours
            connection.close();
        } catch (LibvirtException e) {
            LOG.warn("closing the libvirt connection to {} failed: {}", uri, LibvirtErrors.message(e));
        } finally {
            lock.unlock();
        }
    }

    private void failIfClosed(String what) {
        if (closed.get()) {
            throw new HypervisorException(uri, what + ": the connection is closed", null);
        }
    }

    /** A call on the libvirt connection. */
    @FunctionalInterface
    interface Call<T> {
        T on(LibvirtConnection connection) throws LibvirtException;
    }
}
