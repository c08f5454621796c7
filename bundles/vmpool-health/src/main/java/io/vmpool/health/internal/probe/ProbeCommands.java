package io.vmpool.health.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the probe's commands (no shell: words split on spaces) and reads its source files, each with
 * the configured timeout and output limit. A failure is an {@link IOException} whose message says what
 * ran, how it ended and what it wrote on stderr.
 */
final class ProbeCommands {
    private final long timeoutSeconds;
    private final long maxBytes;

    ProbeCommands(long timeoutSeconds, long maxBytes) {
        this.timeoutSeconds = timeoutSeconds;
        this.maxBytes = maxBytes;
    }

    String run(List<String> command) throws IOException {
        String shown = "'" + String.join(" ", command) + "'";
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run " + shown + ": " + e.getMessage(), e);
        }
        // each stream on its own thread: a command that hangs without writing must not hold this one
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> limited(p.getInputStream(), maxBytes + 1),
                ProbeCommands::daemon);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> limited(p.getErrorStream(), 64 * 1024),
                ProbeCommands::daemon);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(shown + " did not finish within " + timeoutSeconds + " s (commandTimeoutSeconds in "
                        + ProbeConfig.PID + ")");
            }
            byte[] bytes = out.get(timeoutSeconds, TimeUnit.SECONDS);
            if (bytes.length > maxBytes) {
                throw new IOException(shown + " wrote more than maxOutputKiB=" + maxBytes / 1024 + " (" + ProbeConfig.PID
                        + ")");
            }
            if (p.exitValue() != 0) {
                String stderr = new String(err.get(timeoutSeconds, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
                throw new IOException(shown + " exited with " + p.exitValue() + (stderr.isEmpty() ? "" : ": " + stderr));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + shown);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("cannot read what " + shown + " wrote: " + e, e);
        }
    }

    String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        if (Files.size(file) > maxBytes) {
            throw new IOException(file + " is " + Files.size(file) / 1024 + " KiB, more than maxOutputKiB="
                    + maxBytes / 1024 + " in " + ProbeConfig.PID);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** {@code prefix} (a template with ${host}) followed by {@code command}, as words. */
    static List<String> remote(String prefix, String host, String... command) {
        List<String> words = new ArrayList<>();
        for (String w : prefix.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w.replace("${host}", host));
            }
        }
        words.addAll(Arrays.asList(command));
        return words;
    }

    static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "vmpool-probe-output");
        t.setDaemon(true);
        t.start();
    }

    /** At most {@code max} bytes; the rest is read and dropped so the command is never blocked on a full pipe. */
    private static byte[] limited(InputStream in, long max) {
        try {
            byte[] all = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
            in.transferTo(OutputStreamSink.INSTANCE);
            return all;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Drops what is read past the stderr limit. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
