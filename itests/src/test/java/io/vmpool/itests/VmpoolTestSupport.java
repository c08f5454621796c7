package io.vmpool.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Runs the real vmpool distribution (as built by karaf-assembly) with free ports, and gives
 * tests the shell and HTTP as a user would reach them. A test user {@code alice} in the
 * vmpool-user group is added to etc/users.properties.
 */
public abstract class VmpoolTestSupport {
    static final String ALICE_PASSWORD = "alice-secret-pw";

    @Inject
    protected SessionFactory sessionFactory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    protected Option[] baseConfig() {
        String distribution = System.getProperty("vmpool.distribution");
        if (distribution == null || !new File(distribution).isFile()) {
            throw new IllegalStateException("vmpool.distribution does not name the built tar.gz: " + distribution
                    + " (build karaf-assembly first)");
        }
        int httpPort = freePort();
        Option[] options = {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .karafVersion(System.getProperty("karaf.version"))
                    .name("vmpool")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(httpPort)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
            // stored as the digest Karaf's basic encryption writes: a plain password would make the
            // first login rewrite users.properties while other logins read it
            editConfigurationFilePut("etc/users.properties", "alice", "{CRYPT}" + sha256Hex(ALICE_PASSWORD) + "{CRYPT},_g_:vmpoolusers"),
            systemProperty("vmpool.test.httpPort").value(String.valueOf(httpPort)),
        };
        // -DargLine=-Dvmpool.itest.keep=true keeps each container's directory (target/exam/<uuid>) to look into
        return Boolean.getBoolean("vmpool.itest.keep")
                ? org.ops4j.pax.exam.OptionUtils.combine(options, keepRuntimeFolder()) : options;
    }

    private static String sha256Hex(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a shell command as {@code user} with {@code roles}; returns what it printed, or the error line. */
    protected String shell(String user, String command, String... roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String r : roles) {
            subject.getPrincipals().add(new RolePrincipal(r));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e instanceof java.security.PrivilegedActionException ? e.getCause() : e;
            out.println("Error executing command: " + cause.getMessage());
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What the shell offers on Tab after {@code line}, for {@code user} with {@code roles}. */
    protected java.util.List<String> complete(String user, String line, String... roles) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String r : roles) {
            subject.getPrincipals().add(new RolePrincipal(r));
        }
        Session session = sessionFactory.create(System.in, System.out, System.err);
        try {
            java.util.List<String> candidates = new java.util.ArrayList<>();
            String name = line.substring(0, line.indexOf(' '));
            org.apache.karaf.shell.api.console.Command command = session.getRegistry().getCommands().stream()
                    .filter(c -> (c.getScope() + ":" + c.getName()).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no command " + name));
            String[] args = line.split(" ", -1);
            org.apache.karaf.shell.api.console.CommandLine cl = new org.apache.karaf.shell.support.parsing.CommandLineImpl(
                    args, args.length - 1, args[args.length - 1].length(), line.length(), line);
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () ->
                    command.getCompleter(true).complete(session, cl, candidates));
            return candidates.stream().map(String::trim).toList();
        } finally {
            session.close();
        }
    }

    protected String adminShell(String command) {
        return shell("admin", command, "admin", "ssh", "vmpool-admin");
    }

    protected Path karafHome() {
        return Path.of(System.getProperty("karaf.home"));
    }

    protected String adminPassword() {
        Path file = karafHome().resolve("data/vmpool/initial-admin-password");
        waitFor(() -> Files.isRegularFile(file), Duration.ofSeconds(60), "initial admin password file " + file);
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP request to vmpool's REST API; {@code user} null sends no credentials. */
    protected HttpResponse<String> rest(String method, String path, String json, String user, String password) {
        String port = System.getProperty("vmpool.test.httpPort");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/vmpool/api/v1" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asks {@code method path} until {@code answered} accepts the response or the deadline passes, and returns the
     * accepted one; a timeout names the last status and body, so a failure says what the server answered.
     */
    protected HttpResponse<String> restUntil(String method, String path, String json, String user, String password,
            Predicate<HttpResponse<String>> answered, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = rest(method, path, json, user, password);
            if (answered.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                // no cause: Pax Exam reports the innermost exception, and this message is the one that matters
                String body = r.body().length() > 500 ? r.body().substring(0, 500) + "…" : r.body();
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; " + method + " "
                        + path + " last answered " + r.statusCode() + " " + body + "; vmpool's last warnings: "
                        + lastWarnings(4));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** The last {@code n} WARN and ERROR lines of vmpool's bundles in karaf.log, on one line, for a failure's message. */
    protected static String lastWarnings(int n) {
        Path log = Path.of(System.getProperty("karaf.home")).resolve("data/log/karaf.log");
        try (java.util.stream.Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            java.util.List<String> warnings = lines.filter(l -> l.contains("| WARN ") || l.contains("| ERROR "))
                    .filter(l -> l.contains("vmpool"))
                    .map(l -> l.length() > 400 ? l.substring(0, 400) + "…" : l).toList();
            return String.join(" || ", warnings.subList(Math.max(0, warnings.size() - n), warnings.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Polls until {@code condition} holds or the deadline passes. */
    protected static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; vmpool's last warnings: " + lastWarnings(4));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
