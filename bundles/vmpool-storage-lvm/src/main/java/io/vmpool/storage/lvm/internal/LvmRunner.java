package io.vmpool.storage.lvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmpool.api.storage.StorageException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one lvm command ({@code <lvmCommand> <subcommand> [--config <lvmConfig>] args...}) with a timeout, capturing
 * its output and lvm's messages; any failure is a {@link StorageException} carrying the command line and lvm's
 * stderr. With {@code lvmShell} the reports ({@link #REPORTS}) go to one long-running lvm shell ({@link LvmShell})
 * and the changes to another, so a change need not wait for a report's teardown ({@link #report}); everything
 * else, and everything when a shell cannot be used, runs as one process per command on an executor thread.
 */
final class LvmRunner implements AutoCloseable {
    private final String pool;
    private final String lvm;
    private final String lvmConfig;
    private final long timeoutSeconds;
    private final ExecutorService executor;
    private final LvmShell shell;
    private final LvmShell reads;

    /** What runs in the shells: reads and LV changes. Not version (its text is not in the shell's JSON) nor pvcreate/vgcreate (may ask). */
    static final Set<String> SHELL_COMMANDS = Set.of("pvs", "vgs", "lvs", "lvcreate", "lvremove", "lvresize", "lvchange");
    /** The reports, which run in the pool's second shell, so a change need not wait for a read's teardown. */
    static final Set<String> REPORTS = Set.of("pvs", "vgs", "lvs");

    /**
     * What a command printed; {@code exitCode} 0 unless {@link #runAllowingFailure} returned it. {@code commandLog}:
     * for {@link #runLogged} in the shell, lvm's whole command log of it ({@code lastlog}, JSON); null otherwise.
     */
    record Result(List<String> command, int exitCode, String stdout, String stderr, JsonNode commandLog) {
        Result(List<String> command, int exitCode, String stdout, String stderr) {
            this(command, exitCode, stdout, stderr, null);
        }
    }

    LvmRunner(String pool, String lvm, String lvmConfig, long timeoutSeconds) {
        this(pool, lvm, lvmConfig, timeoutSeconds, false, 1);
    }

    /** @param shellMaxCommands commands one lvm shell runs before it is replaced (lvmShellMaxCommands) */
    LvmRunner(String pool, String lvm, String lvmConfig, long timeoutSeconds, boolean useShell, int shellMaxCommands) {
        if (lvm == null || lvm.isBlank()) {
            throw new IllegalArgumentException("lvmCommand is empty (set it in " + LvmStorageConfig.PID + ")");
        }
        if (useShell && shellMaxCommands < 1) {
            throw new IllegalArgumentException("lvmShellMaxCommands must be at least 1, is " + shellMaxCommands
                    + " (fix it in " + LvmStorageConfig.PID + ")");
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("commandTimeoutSeconds must be > 0, is " + timeoutSeconds
                    + " (fix it in " + LvmStorageConfig.PID + ")");
        }
        this.pool = pool;
        this.lvm = lvm;
        this.lvmConfig = lvmConfig == null ? "" : lvmConfig.trim();
        this.timeoutSeconds = timeoutSeconds;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "vmpool-lvm-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
        this.shell = useShell ? new LvmShell(pool, lvm, timeoutSeconds, shellMaxCommands, executor) : null;
        this.reads = useShell ? new LvmShell(pool, lvm, timeoutSeconds, shellMaxCommands, executor) : null;
    }

    /** The pool's lvm shell for changes, if shells are configured (for tests). */
    LvmShell shell() {
        return shell;
    }

    /** The pool's lvm shell for reports ({@link #REPORTS}), if shells are configured (for tests). */
    LvmShell readShell() {
        return reads;
    }

    private LvmShell shellFor(String subcommand) {
        return REPORTS.contains(subcommand) ? reads : shell;
    }

    /**
     * A report read so that its rows can be used before lvm has finished the command: in the read shell, the
     * report as soon as lvm printed it ({@link LvmShell#runReport}); otherwise the command run to its end. The
     * caller must {@link Report#finish()} it (on the same thread), which gives its result with the exit code.
     */
    Report report(String subcommand, List<String> args) {
        List<String> command = command(subcommand, args);
        if (reads != null && REPORTS.contains(subcommand)) {
            Optional<LvmShell.Report> r = reads.runReport(command, command.subList(1, command.size()));
            if (r.isPresent()) {
                LvmShell.Report early = r.get();
                return new Report() {
                    @Override
                    public JsonNode report() {
                        return early.report();
                    }

                    @Override
                    public Result finish() {
                        return early.finish();
                    }
                };
            }
        }
        Result done = runAllowingFailure(subcommand, args);
        JsonNode report = LvmReport.reportOf(done);
        return new Report() {
            @Override
            public JsonNode report() {
                return report;
            }

            @Override
            public Result finish() {
                return done;
            }
        };
    }

    /** A report's {@code "report"} member (missing when the command failed before it), and the command's result. */
    interface Report {
        JsonNode report();

        /** Waits for the command's end; harmless twice. */
        Result finish();
    }

    /** Runs the command; a non-zero exit is a {@link StorageException} with lvm's stderr. */
    Result run(String subcommand, List<String> args) {
        Result r = runAllowingFailure(subcommand, args);
        if (r.exitCode() != 0) {
            throw new StorageException(pool, "'" + String.join(" ", r.command()) + "' failed (exit " + r.exitCode()
                    + "): " + stderrOf(r));
        }
        return r;
    }

    /**
     * Runs the command in the shell, whatever its exit code (as {@link #runAllowingFailure}), and reads its whole
     * command log right after it ({@code lastlog}: one more line, no device scan), which says per object what it
     * did; empty when the pool runs lvm processes (their command log is off: lvm 2.03.16 crashed with it,
     * docs/lvm.md), and then nothing was run.
     */
    Optional<Result> runLogged(String subcommand, List<String> args) {
        if (shell == null || !SHELL_COMMANDS.contains(subcommand)) {
            return Optional.empty();
        }
        List<String> command = command(subcommand, args);
        return shell.run(command, command.subList(1, command.size()), true);
    }

    private List<String> command(String subcommand, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(lvm);
        command.add(subcommand);
        if (!lvmConfig.isEmpty()) {
            command.add("--config");
            command.add(lvmConfig);
        }
        command.addAll(args);
        return command;
    }

    /** Runs the command and returns whatever exit code it had; only a timeout or a missing binary throws. */
    Result runAllowingFailure(String subcommand, List<String> args) {
        List<String> command = command(subcommand, args);
        if (shell != null && SHELL_COMMANDS.contains(subcommand)) {
            Optional<Result> r = shellFor(subcommand).run(command, command.subList(1, command.size()), false);
            if (r.isPresent()) {
                return r.get();
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1"); // a JVM may hold inherited descriptors; lvm only warns
        pb.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new StorageException(pool, "cannot run the lvm command '" + lvm + "' (" + e.getMessage()
                    + "): is lvm2 installed? Set lvmCommand in " + LvmStorageConfig.PID + " to the lvm binary", e);
        }
        if (executor.isShutdown()) {
            kill(process);
            throw new StorageException(pool, "storage pool " + pool + " is stopping (its configuration changed or its "
                    + "bundle stopped); try again");
        }
        Future<String> out = executor.submit(() -> read(process.getInputStream()));
        Future<String> err = executor.submit(() -> read(process.getErrorStream()));
        Future<Integer> exit = executor.submit(() -> process.waitFor());
        String line = String.join(" ", command);
        try {
            int code = exit.get(timeoutSeconds, TimeUnit.SECONDS);
            return new Result(command, code, out.get(timeoutSeconds, TimeUnit.SECONDS),
                    err.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            kill(process);
            throw new StorageException(pool, "'" + line + "' did not finish within " + timeoutSeconds
                    + " s and was killed (limit commandTimeoutSeconds=" + timeoutSeconds + ", change it in "
                    + LvmStorageConfig.PID + ")", e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new StorageException(pool, "interrupted while '" + line + "' ran (it was killed)", e);
        } catch (ExecutionException e) {
            kill(process);
            throw new StorageException(pool, "'" + line + "' failed: " + e.getCause(), e.getCause());
        }
    }

    /** lvm's stderr without its "activation disabled" notices, which every command prints under activation=0. */
    static String stderrOf(Result r) {
        StringBuilder b = new StringBuilder();
        for (String l : r.stderr().split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("WARNING: Activation disabled")) {
                b.append(b.length() == 0 ? "" : " | ").append(t);
            }
        }
        return b.length() == 0 ? "(no message)" : b.toString();
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Lets commands that run finish (up to {@code commandTimeoutSeconds}: killing lvm half way through a
     * metadata change is worse than waiting for it), then stops the threads. A pool is closed when its
     * configuration changes or its bundle stops.
     */
    @Override
    public void close() {
        if (shell != null) {
            shell.close();
            reads.close();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutSeconds, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
