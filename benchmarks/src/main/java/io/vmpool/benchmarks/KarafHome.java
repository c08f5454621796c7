package io.vmpool.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A fresh copy of a Karaf distribution (stock or vmpool) on free ports: unpack, start, wait, stop. */
final class KarafHome {
    /** The two tarballs the build copies into {@code target/dist}. */
    enum Distribution {
        STOCK_KARAF("apache-karaf.tar.gz"), VMPOOL("vmpool.tar.gz");

        final String tarball;

        Distribution(String tarball) {
            this.tarball = tarball;
        }

        Path tarball() {
            return Path.of(setting("benchmarks.dist.dir")).resolve(tarball);
        }
    }

    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);
    private static final long POLL_MILLIS = 50;
    private static final AtomicInteger COPIES = new AtomicInteger();

    final Path home;
    final int sshPort = freePort();
    final int httpPort = freePort();
    private final Path copyDir;
    private Process karaf;

    private KarafHome(Path copyDir, Path home) {
        this.copyDir = copyDir;
        this.home = home;
    }

    /** Unpacks a fresh copy under {@code target/work} and moves its SSH, RMI and HTTP ports to free ones. */
    static KarafHome unpack(Distribution distribution) throws IOException, InterruptedException {
        Path dir = workDir(distribution.name().toLowerCase());
        delete(dir);
        Files.createDirectories(dir);
        run("tar", "-xzf", distribution.tarball().toString(), "-C", dir.toString());
        Path home;
        try (Stream<Path> top = Files.list(dir)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException(dir + " is empty"));
        }
        KarafHome k = new KarafHome(dir, home);
        k.replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + k.sshPort);
        k.replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        k.replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        Path web = home.resolve("etc/org.ops4j.pax.web.cfg");
        if (Files.exists(web)) {
            k.replace("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + k.httpPort);
        }
        return k;
    }

    /** Starts {@code bin/karaf server}, output appended to {@code console.log} in the home. */
    void start() throws IOException {
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .start();
    }

    /** Polls {@code ready} every 50 ms until it holds; fails if Karaf exits or takes over 180 s. */
    void awaitReady(String what, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (!ready.getAsBoolean()) {
            if (!karaf.isAlive()) {
                throw new IllegalStateException("karaf exited with " + karaf.exitValue() + " before " + what + "; see "
                        + home.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within 180 s; see " + home.resolve("data/log/karaf.log"));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** True when the SSH port accepts a connection and sends an {@code SSH-} identification line. */
    boolean sshAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", sshPort), 1000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            return "SSH-".equals(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Waits until vmpool's admin password is written and {@code GET /hosts} answers 200 with it. */
    VmpoolRest awaitVmpool() throws InterruptedException {
        VmpoolRest[] rest = new VmpoolRest[1];
        awaitReady("REST 200 on port " + httpPort, () -> {
            String pw = adminPassword();
            rest[0] = pw == null ? null : new VmpoolRest(httpPort, pw);
            return rest[0] != null && rest[0].hostsAnswer();
        });
        return rest[0];
    }

    /** vmpool's generated admin password, or null while it has not been written. */
    String adminPassword() {
        Path file = home.resolve("data/vmpool/initial-admin-password");
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
        } catch (IOException notYet) {
            return null;
        }
    }

    /** SIGTERM to the JVM under bin/karaf and to the script, waits up to 60 s, then kills; deletes the copy. */
    void stopAndDelete() throws IOException, InterruptedException {
        if (karaf != null) {
            List<ProcessHandle> children = karaf.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            karaf.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((karaf.isAlive() || children.stream().anyMatch(ProcessHandle::isAlive)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            children.forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly().waitFor();
            karaf = null;
        }
        delete(copyDir);
    }

    /** Extracts one file of a distribution (path below its top directory) into {@code dir}. */
    static Path extract(Distribution distribution, String top, String file, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("tar", "-xzf", distribution.tarball().toString(), "-C", dir.toString(), top + "/" + file);
        return dir.resolve(top).resolve(file).toAbsolutePath();
    }

    /** A directory of its own under {@code target/work}, not yet created. */
    static Path workDir(String name) {
        return Path.of(setting("benchmarks.work.dir")).resolve(name + "-" + ProcessHandle.current().pid() + "-" + COPIES.incrementAndGet());
    }

    static void delete(Path dir) throws IOException, InterruptedException {
        run("rm", "-rf", dir.toString());
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) {
            throw new IllegalStateException(path + " has no line '" + from + "'");
        }
        Files.writeString(path, text.replace(from, to));
    }

    static String setting(String key) {
        String value = System.getProperty(key);
        if (value != null) {
            return value;
        }
        Properties p = new Properties();
        try (InputStream in = KarafHome.class.getResourceAsStream("benchmarks.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty(key);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
