package io.vmpool.health.internal.console;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.health.internal.collect.EventObservations;
import io.vmpool.health.internal.collect.FileFollower;
import io.vmpool.health.internal.collect.StreamListener;
import io.vmpool.health.internal.mce.ConsoleEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.util.converter.Converters;

/**
 * The console collector's parts for the console benchmark: its file follower, its mapping of events to
 * observations, and the collector itself with the package-private constructor its tests use; lives in the
 * bundle's package for that.
 */
public final class ConsoleCollectors {
    private ConsoleCollectors() {
    }

    /** A collector's configuration: {@code config} over the annotation's defaults, as Declarative Services would. */
    public static ConsoleConfig config(Map<String, ?> config) {
        return Converters.standardConverter().convert(config).to(ConsoleConfig.class);
    }

    /** Reads {@code file} from its start with the collector's {@link FileFollower}, one poll, every line to {@code lines}. */
    public static void follow(Path file, int maxLineBytes, Consumer<String> lines) throws IOException {
        try (FileFollower follower = new FileFollower(file, maxLineBytes, true, new StreamListener() {
            @Override
            public void line(String line) {
                lines.accept(line);
            }

            @Override
            public void streamEnded(String why) {
                throw new IllegalStateException("the console file ended a stream while it was read: " + why);
            }
        })) {
            follower.poll();
        }
    }

    /** What the console collector posts for {@code event}. */
    public static HealthObservation observation(String host, Instant at, ConsoleEvent event) {
        return EventObservations.of(host, at, ConsoleCollector.SOURCE, event);
    }

    /** A collector of {@code config} that polls only when {@link #poll} is called. */
    public static ConsoleCollector collector(HealthObserver observer, ConsoleConfig config, Path spoolDirectory) {
        return new ConsoleCollector(observer, config, spoolDirectory, Clock.systemUTC());
    }

    /** One poll: every line appended since the last, through the spool, the parser and the observer. */
    public static void poll(ConsoleCollector collector) {
        collector.poll();
    }
}
