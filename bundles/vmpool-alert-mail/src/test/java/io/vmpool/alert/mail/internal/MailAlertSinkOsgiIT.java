package io.vmpool.alert.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.health.HostState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The packaged bundle in a bare Felix with SCR and Config Admin, beside the four Jakarta Mail bundles the
 * feature installs and no service-loader mediator: it must find Angus Mail itself and mail an alert to
 * GreenMail. The API and SLF4J come from the class path (system bundle), so the test shares the Alert class.
 */
class MailAlertSinkOsgiIT {
    private static final String[] BUNDLES = {"bundle.promise", "bundle.function", "bundle.component", "bundle.configadmin", "bundle.scr",
        "bundle.activation.api", "bundle.angus.activation", "bundle.mail.api", "bundle.angus.mail", "bundle.under.test"};

    @TempDir
    Path storage;
    private Framework framework;
    private GreenMail smtp;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(Poll.DEADLINE.toMillis());
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theBundleResolvesFindsAngusMailAndMailsAnAlert() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        BundleContext context = startFramework();

        configure(context, Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "from", "vmpool@example.test",
                "to", "ops@example.test", "retryDelayMillis", 100L));
        AlertSink sink = awaitSink(context);
        sink.deliver(new Alert("node9", "PANIC", HostState.FAILED, 1, Instant.parse("2026-03-02T08:00:00Z"),
                Instant.parse("2026-03-02T08:00:00Z"), "kernel panic", List.of("Kernel panic - not syncing: Fatal "
                        + "machine check", ".")));

        Poll.until("the mail arrived", () -> smtp.getReceivedMessages().length == 1, () -> "nothing received");
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("[vmpool] node9 FAILED: PANIC");
        try (InputStream in = smtp.getReceivedMessages()[0].getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("Kernel panic - not syncing: Fatal machine check\r\n.");
        }
    }

    /** The version vmpool-api's manifest exports {@code pkg} at (the jar the test classes see). */
    private static String apiVersion(String pkg) throws Exception {
        Path jar = Path.of(Alert.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.jar.Manifest manifest;
        if (java.nio.file.Files.isDirectory(jar)) {
            try (InputStream in = java.nio.file.Files.newInputStream(jar.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new java.util.jar.Manifest(in);
            }
        } else {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                manifest = file.getManifest();
            }
        }
        String exports = manifest.getMainAttributes().getValue("Export-Package");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)" + java.util.regex.Pattern.quote(pkg)
                + ";[^,]*?version=\"([^\"]+)\"").matcher(exports);
        assertThat(m.find()).as("vmpool-api exports %s: %s", pkg, exports).isTrue();
        return m.group(1);
    }

    private BundleContext startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the API packages at the versions vmpool-api exports now, so the bundle's import ranges match
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "io.vmpool.api;version=" + apiVersion("io.vmpool.api")
                + ",io.vmpool.api.health;version=" + apiVersion("io.vmpool.api.health") + ",org.slf4j;version=1.7.36");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String property : BUNDLES) {
            String file = System.getProperty(property);
            assertThat(file).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
            installed.add(context.installBundle(Path.of(file).toUri().toString()));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
        return context;
    }

    /** Through reflection: the test's class path has its own copy of the Config Admin API. */
    private static void configure(BundleContext context, Map<String, Object> properties) throws Exception {
        String type = "org.osgi.service.cm.ConfigurationAdmin";
        // getAllServiceReferences: the class path's copy is not the bundle's, so the assignability filter would hide it
        Poll.until("Config Admin registered", () -> configAdmin(context, type) != null, () -> bundleStates(context));
        Object admin = context.getService(configAdmin(context, type));
        Object configuration = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, MailAlertConfig.PID, null);
        Dictionary<String, Object> values = new Hashtable<>(properties);
        configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, values);
    }

    private static ServiceReference<?> configAdmin(BundleContext context, String type) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
            return references == null ? null : references[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlertSink awaitSink(BundleContext context) throws Exception {
        Poll.until("the mail AlertSink registered", () -> !references(context).isEmpty(),
                () -> "bundles " + bundleStates(context));
        ServiceReference<AlertSink> reference = references(context).iterator().next();
        assertThat(reference.getProperty(AlertSink.NAME_PROPERTY)).isEqualTo("mail");
        return context.getService(reference);
    }

    private static Collection<ServiceReference<AlertSink>> references(BundleContext context) {
        try {
            return context.getServiceReferences(AlertSink.class, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bundleStates(BundleContext context) {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            out.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
        }
        return out.toString();
    }
}
