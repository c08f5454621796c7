package io.vmpool.lock.zookeeper.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Sends a batch of reads at once in the background, so they are pipelined over the one
 * connection instead of paying a round trip each, and waits for all of them (failing when no answer
 * at all comes for a connection timeout). A znode that is gone is left out of the answer; any other
 * error fails the batch.
 */
final class BatchReads {

    /** A znode's data and stat. */
    record Data(byte[] bytes, Stat stat) {
    }

    /** One background read. */
    private interface Send {
        void send(String path, BackgroundCallback callback) throws Exception;
    }

    private final CuratorFramework client;
    private final long timeoutMillis;

    BatchReads(CuratorFramework client, long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    Map<String, Stat> stats(Collection<String> paths) throws Exception {
        return run(paths, (p, cb) -> client.checkExists().inBackground(cb).forPath(p), CuratorEvent::getStat);
    }

    Map<String, List<String>> children(Collection<String> paths) throws Exception {
        return run(paths, (p, cb) -> client.getChildren().inBackground(cb).forPath(p), CuratorEvent::getChildren);
    }

    Map<String, Data> data(Collection<String> paths) throws Exception {
        return run(paths, (p, cb) -> client.getData().inBackground(cb).forPath(p),
                e -> new Data(e.getData(), e.getStat()));
    }

    private <T> Map<String, T> run(Collection<String> paths, Send send, Function<CuratorEvent, T> result)
            throws Exception {
        Map<String, T> out = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(paths.size());
        AtomicReference<KeeperException> failed = new AtomicReference<>();
        for (String path : paths) {
            send.send(path, (c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) {
                    T value = result.apply(event);
                    if (value != null) {
                        out.put(path, value);
                    }
                } else if (rc != KeeperException.Code.NONODE.intValue()) {
                    failed.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), path));
                }
                done.countDown();
            });
        }
        long left = done.getCount();
        while (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            if (done.getCount() == left) { // no answer at all for a whole timeout
                throw new KeeperException.OperationTimeoutException();
            }
            left = done.getCount();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return out;
    }
}
