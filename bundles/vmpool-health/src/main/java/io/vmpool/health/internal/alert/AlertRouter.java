package io.vmpool.health.internal.alert;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.health.HostState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups alerts: one per host and cause per window, which starts at the first occurrence's time. The
 * first occurrence is delivered at once; the repeats inside the window (by their own times) are counted and
 * delivered once, as one alert with the count, when the window ends by the clock. Every sink gets every alert. Occurrences and flushes run on the policy's thread; sinks come and
 * go on DS's.
 */
public final class AlertRouter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);

    private final Duration window;
    private final int sinkRetries;
    private final Clock clock;
    private final BiConsumer<Duration, Runnable> later;
    private final Map<Key, Window> windows = new HashMap<>();
    private final Map<AlertSink, SinkDelivery> sinks = new ConcurrentHashMap<>();

    /**
     * @param later runs a task on the policy's thread after a delay (the window's end)
     */
    public AlertRouter(Duration window, int sinkRetries, Clock clock, BiConsumer<Duration, Runnable> later) {
        this.window = window;
        this.sinkRetries = sinkRetries;
        this.clock = clock;
        this.later = later;
    }

    public void addSink(AlertSink sink, String name) {
        SinkDelivery old = sinks.put(sink, new SinkDelivery(sink, name, sinkRetries, window));
        if (old != null) {
            old.close();
        }
    }

    public void removeSink(AlertSink sink) {
        SinkDelivery gone = sinks.remove(sink);
        if (gone != null) {
            gone.close();
        }
    }

    /** Something alert-worthy happened on {@code host}; {@code cause} groups it (a signal's name). */
    public void occurrence(String host, String cause, HostState state, Instant at, String summary,
            List<String> evidence) {
        Key key = new Key(host, cause);
        Window open = windows.get(key);
        if (open != null && !at.isBefore(open.end)) {
            close(key, open);
            open = null;
        }
        if (open != null) {
            open.count++;
            open.last = at;
            open.state = state;
            return;
        }
        Window w = new Window(at.plus(window), at, state, summary, evidence);
        windows.put(key, w);
        deliver(new Alert(host, cause, state, 1, at, at, summary, evidence));
        Duration left = Duration.between(clock.instant(), w.end);
        later.accept(left.isNegative() ? Duration.ZERO : left, () -> flush(key, w));
    }

    /** Closes every window that has ended by the clock (the scheduled flushes call it too). */
    public void flushDue() {
        Instant now = clock.instant();
        for (Map.Entry<Key, Window> e : new ArrayList<>(windows.entrySet())) {
            if (!now.isBefore(e.getValue().end)) {
                close(e.getKey(), e.getValue());
            }
        }
    }

    private void flush(Key key, Window w) {
        if (windows.get(key) != w) {
            return; // closed already by a later occurrence or a flushDue
        }
        Instant now = clock.instant();
        if (now.isBefore(w.end)) {
            later.accept(Duration.between(now, w.end), () -> flush(key, w)); // the timer ran ahead of the clock
        } else {
            close(key, w);
        }
    }

    private void close(Key key, Window w) {
        windows.remove(key);
        if (w.count > 1) {
            deliver(new Alert(key.host, key.cause, w.state, w.count, w.first, w.last, w.count + " times in "
                    + window.toMinutes() + " min (alertWindowMinutes), the first: " + w.summary, w.evidence));
        }
    }

    private void deliver(Alert alert) {
        List<SinkDelivery> all = List.copyOf(sinks.values());
        if (all.isEmpty()) {
            LOG.warn("no alert sink to deliver {} on {} to: {}", alert.cause(), alert.host(), alert.summary());
        }
        for (SinkDelivery sink : all) {
            sink.offer(alert);
        }
    }

    @Override
    public void close() {
        sinks.values().forEach(SinkDelivery::close);
        sinks.clear();
    }

    private record Key(String host, String cause) {
    }

    /** One open window of a host and cause. */
    private static final class Window {
        final Instant end;
        final Instant first;
        final String summary;
        final List<String> evidence;
        Instant last;
        HostState state;
        int count = 1;

        Window(Instant end, Instant first, HostState state, String summary, List<String> evidence) {
            this.end = end;
            this.first = first;
            this.last = first;
            this.state = state;
            this.summary = summary;
            this.evidence = evidence;
        }
    }
}
