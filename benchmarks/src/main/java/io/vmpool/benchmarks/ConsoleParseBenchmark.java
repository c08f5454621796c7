package io.vmpool.benchmarks;

import io.vmpool.health.internal.console.ConsoleCollector;
import io.vmpool.health.internal.console.ConsoleCollectors;
import io.vmpool.health.internal.console.ConsoleConfig;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.KernelLogParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Console lines per second over one file of {@link ConsoleLogFile#LINES} lines (ops/s = lines/s): reading it
 * line by line (BufferedReader, and the collector's FileFollower) against reading and parsing it as the console
 * collector does (KernelLogParser per line, each event mapped to the observation the collector posts), and the
 * whole collector (spool on disk included). Every invocation reads the whole file from its start.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ConsoleLogFile.LINES)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ConsoleParseBenchmark {
    private static final String HOST = "host1";
    private static final Instant AT = Instant.parse("2026-12-01T20:00:00Z");

    /** Chatter lines between two machine-check parts of the captures. */
    @Param("1000")
    public int chatterPerBlock;

    private Path dir;
    private Path file;
    private ConsoleConfig config;
    private int events;
    private int observations;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("vmpool-console-bench");
        file = dir.resolve("ttyS0.log");
        ConsoleLogFile log = new ConsoleLogFile();
        log.write(file, chatterPerBlock);
        config = ConsoleCollectors.config(Map.of("host", HOST, "path", file.toString(), "tcp", "", "fromStart", true));
        Map<String, Integer> kinds = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (ConsoleEvent e : KernelLogParser.parse(reader, config.maxRecordLines())) {
                kinds.merge(e instanceof ConsoleEvent.MachineCheckRecord r
                        ? "MachineCheckRecord(" + r.record().severity() + (r.complete() ? "" : ",cut") + ")"
                        : e.getClass().getSimpleName(), 1, Integer::sum);
                events++;
            }
        }
        observations = collectorObservations(new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        System.out.printf("%nCONSOLE-FILE %s: %d lines, %d bytes, %d of them machine-check lines (%.2f %%) in blocks"
                        + " of %s lines after every %d chatter lines (%d distinct); %d events %s; %d observations%n",
                file, ConsoleLogFile.LINES, log.bytes, log.machineCheckLines,
                100.0 * log.machineCheckLines / ConsoleLogFile.LINES, log.blockSizes(), chatterPerBlock,
                log.chatterLines(), events, kinds, observations);
        if (events == 0) {
            throw new IllegalStateException("the parser found nothing in " + file);
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Baseline: BufferedReader.readLine over the file. */
    @Benchmark
    public int baselineReadLine(Blackhole bh) throws IOException {
        int lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                bh.consume(line);
                lines++;
            }
        }
        return expect(lines, ConsoleLogFile.LINES, "lines");
    }

    /** The collector's reader alone: FileFollower from the start of the file, one poll. */
    @Benchmark
    public int followerRead(Blackhole bh) throws IOException {
        int[] lines = {0};
        ConsoleCollectors.follow(file, config.maxLineBytes(), line -> {
            bh.consume(line);
            lines[0]++;
        });
        return expect(lines[0], ConsoleLogFile.LINES, "lines");
    }

    /** vmpool: BufferedReader.readLine, KernelLogParser.accept per line, each event to its observation. */
    @Benchmark
    public int vmpoolParse(Blackhole bh) throws IOException {
        KernelLogParser parser = new KernelLogParser(config.maxRecordLines());
        int found = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                found += consume(parser.accept(line), bh);
            }
        }
        found += consume(parser.finish(), bh);
        return expect(found, events, "events");
    }

    /** vmpool as the collector reads: FileFollower, KernelLogParser.accept per line, each event to its observation. */
    @Benchmark
    public int vmpoolFollowerParse(Blackhole bh) throws IOException {
        KernelLogParser parser = new KernelLogParser(config.maxRecordLines());
        int[] found = {0};
        ConsoleCollectors.follow(file, config.maxLineBytes(), line -> found[0] += consume(parser.accept(line), bh));
        found[0] += consume(parser.finish(), bh);
        return expect(found[0], events, "events");
    }

    /** The whole collector: one poll of a new ConsoleCollector (follower, spool on disk, parser, posting). */
    @Benchmark
    public int vmpoolCollector(Blackhole bh) {
        return expect(collectorObservations(bh), observations, "observations");
    }

    private int collectorObservations(Blackhole bh) {
        int[] seen = {0};
        try (ConsoleCollector collector = ConsoleCollectors.collector(o -> {
            bh.consume(o);
            seen[0]++;
        }, config, dir.resolve("spool"))) {
            ConsoleCollectors.poll(collector);
        }
        return seen[0];
    }

    private static int consume(List<ConsoleEvent> found, Blackhole bh) {
        for (int i = 0; i < found.size(); i++) { // as the collector does: no iterator for the many empty lists
            bh.consume(ConsoleCollectors.observation(HOST, AT, found.get(i)));
        }
        return found.size();
    }

    private static int expect(int got, int expected, String what) {
        if (got != expected) {
            throw new IllegalStateException(got + " " + what + ", expected " + expected);
        }
        return got;
    }
}
