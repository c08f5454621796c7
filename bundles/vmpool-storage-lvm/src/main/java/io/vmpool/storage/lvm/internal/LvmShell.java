package io.vmpool.storage.lvm.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmpool.api.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-running {@code lvm} in its shell mode (no arguments, commands on stdin), so a command does not pay for
 * starting a process (docs/lvm.md, "LVM storage"). It is driven the way lvm2's own lvmdbusd drives it, but over plain
 * pipes (no pty: measured, lvm 2.03.16 flushes after every command and needs no terminal):
 * <ul>
 * <li>the shell starts with {@code LVM_COMMAND_PROFILE=lvmdbusd} (the profile lvm2 ships for exactly this:
 * JSON reports and the command log report {@code log/report_command_log=1} with
 * {@code command_log_selection="log_context=shell"}), so every command prints exactly one JSON object on stdout,
 * its report (if any) and a {@code "log"} array whose last {@code log_context=shell}, {@code log_type=status} row
 * carries lvm's return code ({@code 1} = success, otherwise the code the process would exit with); lvm's messages go
 * into that log instead of stderr;</li>
 * <li>after a failed command {@code lastlog} prints the full command log, whose {@code error} and {@code warn} rows
 * are what a process would have written to stderr;</li>
 * <li>{@code --config} is given per command as in process mode (lvm applies it to that command and reloads its
 * configuration afterwards; measured).</li>
 * </ul>
 * Commands are serialized; each waits at most the timeout (for the shell and then for the command). On a timeout,
 * an exit or output that is not lvm's JSON the shell process and its children are killed, the command fails, and the
 * next command starts a new shell. The shell is also replaced after {@code maxCommands} commands (lvmShellMaxCommands; lvm's shell grows
 * by about 1.6 KB per command, measured). If the shell cannot start at all (no readline support, profile missing)
 * {@link #run} returns empty and the caller runs processes instead.
 */
final class LvmShell implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LvmShell.class);
    static final String PROFILE = "lvmdbusd";
    /** lvm's shell splits a line into at most 64 words (MAX_ARGS) and silently ignores longer lines. */
    static final int MAX_WORDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object EOF = new Object();

    private final String pool;
    private final String lvm;
    private final long timeoutSeconds;
    private final ExecutorService executor;
    private final int maxCommands;
    private final ReentrantLock lock = new ReentrantLock();
    private Process process;
    private OutputStream stdin;
    private BlockingQueue<Object> outputs;
    private StringBuilder stderr;
    private int commands;
    private boolean unusable;
    private volatile boolean closed;
    private int starts;

    LvmShell(String pool, String lvm, long timeoutSeconds, int maxCommands, ExecutorService executor) {
        this.maxCommands = maxCommands;
        this.pool = pool;
        this.lvm = lvm;
        this.timeoutSeconds = timeoutSeconds;
        this.executor = executor;
    }

    /**
     * Runs {@code words} (the subcommand first, as after {@code lvm}) in the shell; {@code command} is the equivalent
     * process command line, for messages. Empty if the shell is not usable here or the words cannot be written as one
     * shell line ({@link #line}): the caller then starts a process.
     */
    Optional<LvmRunner.Result> run(List<String> command, List<String> words) {
        return run(command, words, false);
    }

    /** {@link #run(List, List)}; with {@code withLog} the command's whole command log ({@code lastlog}) is read too. */
    Optional<LvmRunner.Result> run(List<String> command, List<String> words, boolean withLog) {
        Optional<Sent> sent = send(command, words);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        Sent c = sent.get();
        try {
            return Optional.of(complete(command, c.text(), awaitObject(c.text(), c.deadline()), withLog, c.deadline()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a report command and hands its report over as soon as lvm has printed it, while lvm still finishes the
     * command (it tears down its AIO context, ~30 ms here, before it prints the status: docs/lvm.md). The shell
     * stays this command's until {@link Report#finish()}, which the same thread must call. Empty as {@link #run}.
     */
    Optional<Report> runReport(List<String> command, List<String> words) {
        Optional<Sent> sent = send(command, words);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        Sent c = sent.get();
        boolean handedOver = false;
        try {
            Object first = next(c.text(), c.deadline());
            if (first instanceof EarlyReport early) {
                handedOver = true;
                return Optional.of(new Report(command, c.text(), early.report(), c.deadline()));
            }
            // a command that ended without a report (it failed first): as run() would have returned it
            JsonNode out = asObject(first, c.text());
            return Optional.of(new Report(complete(command, c.text(), out, false, c.deadline()), out));
        } finally {
            if (!handedOver) {
                lock.unlock();
            }
        }
    }

    /** A command line written to the shell: its text for messages and its deadline. The lock is held. */
    private record Sent(String text, long deadline) {
    }

    /**
     * Takes the lock, makes sure a shell runs and writes the command's line: then the lock stays held for the
     * caller to read the answer and release. Empty (the lock not held) when the words cannot be one shell line or
     * the shell cannot run here: the caller starts a process.
     */
    private Optional<Sent> send(List<String> command, List<String> words) {
        Optional<String> line = line(words);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String text = String.join(" ", command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        lock(text);
        boolean sent = false;
        try {
            if (!ready(deadline)) {
                return Optional.empty();
            }
            send(line.get(), text);
            sent = true;
            return Optional.of(new Sent(text, deadline));
        } finally {
            if (!sent) {
                lock.unlock();
            }
        }
    }

    /**
     * A report whose rows lvm printed before it finished its command. {@link #report()} is lvm's {@code "report"}
     * member; {@link #finish()} waits for the command's end and returns it as {@link #run} does (with the report
     * in its stdout), and gives the shell back. Harmless twice.
     */
    final class Report {
        private final List<String> command;
        private final String text;
        private final JsonNode report;
        private final long deadline;
        private LvmRunner.Result result;
        private boolean released;

        private Report(List<String> command, String text, JsonNode report, long deadline) {
            this.command = command;
            this.text = text;
            this.report = report;
            this.deadline = deadline;
        }

        /** A command that ended before it printed a report: finished already, the shell given back. */
        private Report(LvmRunner.Result result, JsonNode out) {
            this(result.command(), String.join(" ", result.command()), out.path("report"), 0);
            this.result = result;
            this.released = true;
        }

        JsonNode report() {
            return report;
        }

        LvmRunner.Result finish() {
            if (released) {
                if (result == null) {
                    throw new StorageException(pool, "'" + text + "' did not finish (see the error before)");
                }
                return result;
            }
            released = true;
            try {
                result = complete(command, text, awaitObject(text, deadline), false, deadline);
                return result;
            } finally {
                lock.unlock();
            }
        }
    }

    private void lock(String text) {
        try {
            if (!lock.tryLock(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new StorageException(pool, "'" + text + "' waited " + timeoutSeconds + " s for the pool's lvm shell, "
                        + "busy with other commands, and was not run (limit commandTimeoutSeconds=" + timeoutSeconds
                        + ", change it in " + LvmStorageConfig.PID + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(pool, "interrupted while '" + text + "' waited for the pool's lvm shell", e);
        }
    }

    /** With the lock held: a running shell (started if need be), false when the shell cannot run here. */
    private boolean ready(long deadline) {
        if (closed) {
            throw new StorageException(pool, "storage pool " + pool + " is stopping (its configuration changed or its "
                    + "bundle stopped); try again");
        }
        if (process != null && (!process.isAlive() || !outputs.isEmpty())) {
            LOG.warn("pool {}: lvm's shell {} while idle ({}); starting a new one", pool,
                    process.isAlive() ? "printed unasked" : "exited", takeStderr());
            kill(); // died or talked while idle: nothing of ours was lost, start a new one
        }
        return !unusable && (process != null || start(deadline));
    }

    /** The end of a command whose JSON object is {@code out}: its status, lvm's messages, a fresh shell when due. */
    private LvmRunner.Result complete(List<String> command, String text, JsonNode out, boolean withLog, long deadline) {
        int code = returnCode(out, text);
        commands++;
        String messages = "";
        JsonNode log = null;
        if (code != 0 || withLog) {
            log = exchange("lastlog", "lastlog after " + text, deadline);
            messages = code != 0 ? messages(log) : "";
        }
        String err = takeStderr();
        if (commands >= maxCommands) {
            stop(); // a fresh shell for the next command
        }
        return new LvmRunner.Result(command, code, out.toString(),
                messages + (err.isEmpty() || messages.isEmpty() ? "" : "\n") + err, withLog ? log : null);
    }

    /** The running shell's pid, if one runs (for tests). */
    Optional<Long> pid() {
        lock.lock();
        try {
            return process == null ? Optional.empty() : Optional.of(process.pid());
        } finally {
            lock.unlock();
        }
    }

    /** How many shell processes were started (for tests). */
    int starts() {
        lock.lock();
        try {
            return starts;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The words as one line lvm's shell splits back into exactly them (tools/lvmcmdline.c lvm_split: a word that
     * starts with {@code '} or {@code "} runs to the next same quote, with no escapes; {@code #} at a word's start
     * ends the line): plain if it has no white space and does not start with a quote or {@code #}, else in
     * {@code '...'}, else in {@code "..."}. Empty if a word holds a line break, a NUL, or both quotes and needs
     * quoting, or there are too many words.
     */
    static Optional<String> line(List<String> words) {
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0 || w.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            boolean plain = !w.isEmpty() && w.chars().noneMatch(LvmShell::isSpace)
                    && "'\"#".indexOf(w.charAt(0)) < 0;
            b.append(b.length() == 0 ? "" : " ");
            if (plain) {
                b.append(w);
            } else if (w.indexOf('\'') < 0) {
                b.append('\'').append(w).append('\'');
            } else if (w.indexOf('"') < 0) {
                b.append('"').append(w).append('"');
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(b.toString());
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r'; // C isspace()
    }

    /** Starts the shell and checks it answers ({@code lastlog}); false (and never again) if it cannot run here. */
    private boolean start(long deadline) {
        ProcessBuilder pb = new ProcessBuilder(lvm);
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LVM_COMMAND_PROFILE", PROFILE);
        pb.environment().put("HOME", "/dev/null"); // no ~/.lvm_history written after every command
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StorageException(pool, "cannot run the lvm command '" + lvm + "' (" + e.getMessage()
                    + "): is lvm2 installed? Set lvmCommand in " + LvmStorageConfig.PID + " to the lvm binary", e);
        }
        starts++;
        process = p;
        stdin = p.getOutputStream();
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        StringBuilder err = new StringBuilder();
        outputs = queue;
        stderr = err;
        commands = 0;
        executor.submit(() -> readJson(p.getInputStream(), queue));
        executor.submit(() -> readText(p.getErrorStream(), err));
        try {
            JsonNode hello = exchange("lastlog", lvm + " (shell)", deadline);
            if (hello.has("log")) {
                takeStderr();
                return true;
            }
            LOG.warn("pool {}: lvm's shell answered lastlog with {}; running one lvm process per command", pool, hello);
        } catch (StorageException e) {
            LOG.warn("pool {}: lvm's shell ('{}' with LVM_COMMAND_PROFILE={}) cannot be used ({}); running one lvm "
                    + "process per command (set lvmShell=false in {} to not try)", pool, lvm, PROFILE, e.getMessage(),
                    LvmStorageConfig.PID);
        }
        kill();
        unusable = true;
        return false;
    }

    /** Writes one line and waits (until {@code deadline}) for the JSON object lvm prints for it. */
    private JsonNode exchange(String line, String text, long deadline) {
        send(line, text);
        return awaitObject(text, deadline);
    }

    private void send(String line, String text) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            String err = takeStderr();
            kill();
            throw new StorageException(pool, "'" + text + "' failed: lvm's shell is gone (" + e.getMessage() + ")"
                    + (err.isEmpty() ? "" : ": " + err.strip().replace("\n", " | ")), e);
        }
    }

    /** The command's whole JSON object, passing over the early report the reader hands over before it. */
    private JsonNode awaitObject(String text, long deadline) {
        Object out;
        do {
            out = next(text, deadline);
        } while (out instanceof EarlyReport);
        return asObject(out, text);
    }

    /** The next thing the stdout reader found: an {@link EarlyReport}, a JSON object, {@link #EOF} or an error. */
    private Object next(String text, long deadline) {
        Object out;
        try {
            out = outputs.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new StorageException(pool, "interrupted while '" + text + "' ran (lvm's shell was killed)", e);
        }
        if (out == null) {
            kill();
            throw new StorageException(pool, "'" + text + "' did not finish within " + timeoutSeconds
                    + " s and was killed (limit commandTimeoutSeconds=" + timeoutSeconds + ", change it in "
                    + LvmStorageConfig.PID + ")");
        }
        return out;
    }

    private JsonNode asObject(Object out, String text) {
        if (out instanceof JsonNode node && node.isObject()) {
            return node;
        }
        sleepBriefly(); // let the stderr reader catch up with lvm's last words
        String err = takeStderr();
        kill();
        throw new StorageException(pool, "'" + text + "' failed: lvm's shell "
                + (out == EOF ? "exited" : "printed something that is not its JSON (" + out + ")")
                + (err.isEmpty() ? "" : ": " + err.strip().replace("\n", " | ")));
    }

    /** lvm's return code as a process exit code: the shell's status row has 1 (ECMD_PROCESSED) for success. */
    private int returnCode(JsonNode out, String text) {
        JsonNode status = null;
        for (JsonNode row : out.path("log")) {
            if ("shell".equals(row.path("log_context").asText()) && "status".equals(row.path("log_type").asText())) {
                status = row;
            }
        }
        if (status == null) {
            kill();
            throw new StorageException(pool, "'" + text + "': lvm's shell printed no command status (" + out + ")");
        }
        try {
            int code = Integer.parseInt(status.path("log_ret_code").asText());
            return code == 1 ? 0 : code;
        } catch (NumberFormatException e) {
            kill();
            throw new StorageException(pool, "'" + text + "': lvm's shell printed the status " + status);
        }
    }

    /** The error and warning rows of a {@code lastlog}: what the command would have written to stderr. */
    private static String messages(JsonNode lastlog) {
        List<String> m = new ArrayList<>();
        for (JsonNode row : lastlog.path("log")) {
            String type = row.path("log_type").asText();
            if (type.equals("error") || type.equals("warn")) {
                m.add(row.path("log_message").asText());
            }
        }
        return String.join("\n", m);
    }

    /** The {@code "report"} member of a command's JSON object, read before the rest of it (lvm prints the log last). */
    private record EarlyReport(JsonNode report) {
    }

    /**
     * Reads lvm's JSON objects one after the other; inside one, hands the {@code "report"} member over as an
     * {@link EarlyReport} as soon as it is complete, then the whole object when it ends.
     */
    private static void readJson(InputStream in, BlockingQueue<Object> queue) {
        try (in; JsonParser parser = JSON.getFactory().createParser(in)) {
            JsonToken t;
            while ((t = parser.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    queue.add(JSON.readTree(parser));
                    continue;
                }
                ObjectNode object = JSON.createObjectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    JsonNode value = JSON.readTree(parser);
                    object.set(name, value);
                    if (name.equals("report")) {
                        queue.add(new EarlyReport(value));
                    }
                }
                queue.add(object);
            }
        } catch (IOException | RuntimeException e) {
            queue.add(e.toString());
            return;
        }
        queue.add(EOF);
    }

    private static void readText(InputStream in, StringBuilder into) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (into) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the shell is gone; whoever waits for it sees that on stdout
        }
    }

    private String takeStderr() {
        StringBuilder err = stderr;
        if (err == null) {
            return "";
        }
        synchronized (err) {
            String s = err.toString().strip();
            err.setLength(0);
            return s;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the shell politely ({@code exit}, then up to a second), else kills it. Lock held. */
    private void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
            if (p.waitFor(1, TimeUnit.SECONDS)) {
                process = null;
                return;
            }
        } catch (IOException e) {
            // gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Kills the shell and its children; the next command starts a new one. Lock held. */
    private void kill() {
        Process p = process;
        process = null;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Waits for a running command (up to the timeout), then ends the shell; later calls fail. */
    @Override
    public void close() {
        boolean locked;
        try {
            locked = lock.tryLock(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        try {
            closed = true;
            if (locked) {
                stop();
            } else {
                kill();
            }
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }
}
