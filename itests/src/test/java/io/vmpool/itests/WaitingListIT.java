package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.inventory.InventoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The waiting list on the distribution's two test-driver hosts (host1 8 GiB, host2 16 GiB, 512 MiB reserved each):
 * with the pool full a {@code --wait} create (shell) and a {@code "queue": true} create (REST) are kept with their
 * positions; {@code host:add host3} boots both on host3 in order; the unmet demand digest reaches a real SMTP server
 * once; the free-memory alert is mailed once per crossing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WaitingListIT extends VmpoolTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected FeaturesService features;

    @Inject
    protected InventoryStore inventory;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(baseConfig(),
                editConfigurationFilePut("etc/io.vmpool.core.cfg", "demandDigestMinutes", "1"),
                editConfigurationFilePut("etc/io.vmpool.core.cfg", "capacityAlertFreePercent", "50"),
                editConfigurationFilePut("etc/io.vmpool.core.cfg", "capacityCheckSeconds", "1"),
                editConfigurationFilePut("etc/io.vmpool.core.cfg", "queueRetrySeconds", "2"),
                // host:add's host takes the waiting machines at once: no probation here (issue 5's HealthIT has one)
                editConfigurationFilePut("etc/io.vmpool.health.cfg", "probationMinutes", "0"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "port", String.valueOf(MailForTests.smtpPort())),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "from", "vmpool@example.org"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "to", MailForTests.USER),
                systemProperty("vmpool.test.pop3Port").value(String.valueOf(MailForTests.pop3Port())));
    }

    @Test
    public void aQueuedCreateBootsWhenAHostIsAddedAndAdminsGetOneDigestAndOneAlertPerCrossing() throws Exception {
        features.installFeature("vmpool-alert-mail", EnumSet.noneOf(FeaturesService.Option.class));
        BundleContext ctx = FrameworkUtil.getBundle(WaitingListIT.class).getBundleContext();
        waitFor(() -> {
            try {
                return !ctx.getServiceReferences(AlertSink.class, "(" + AlertSink.NAME_PROPERTY + "=mail)").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(60), "the mail alert sink");
        String adminPw = adminPassword();
        waitFor(() -> {
            HttpResponse<String> r = rest("GET", "/hosts", null, "admin", adminPw);
            return r.statusCode() == 200 && r.body().contains("\"host1\"") && r.body().contains("\"host2\"")
                    && !r.body().contains("\"reachable\":false");
        }, Duration.ofSeconds(60), "REST /hosts to list both hosts reachable");
        int pop3 = Integer.getInteger("vmpool.test.pop3Port");

        // fill the pool: 15,872 + 7,680 MiB free after reserves; free memory falls below 50 % once
        assertTrue(adminShell("vm:create fill2 --memory 15872 --disk 1").contains("fill2 RUNNING on host2"));
        waitFor(() -> mails(pop3, "capacity.free-percent").size() == 1, Duration.ofSeconds(60), "the capacity alert");
        assertTrue(mails(pop3, "capacity.free-percent").get(0).contains("below 50%"));
        assertTrue(adminShell("vm:create fill1 --memory 7680 --disk 1").contains("fill1 RUNNING on host1"));

        // refused, not kept; then kept: shell --wait, REST "queue": true
        String refused = shell("alice", "vm:create nowait --memory 2048 --disk 1", "vmpool-user");
        assertTrue(refused, refused.contains("no host can take machine nowait"));
        String queued = shell("alice", "vm:create waiting --memory 4096 --disk 1 --wait", "vmpool-user");
        assertTrue(queued, queued.contains("waiting QUEUED at position 1 (request "));
        HttpResponse<String> accepted = rest("POST", "/vms", "{\"name\":\"second\",\"memoryMiB\":1024,\"vcpus\":1,"
                + "\"diskGiB\":1,\"queue\":true}", "alice", ALICE_PASSWORD);
        assertEquals(accepted.body(), 202, accepted.statusCode());
        JsonNode request = JSON.readTree(accepted.body());
        assertEquals(2, request.get("position").asInt());
        assertTrue(accepted.headers().firstValue("Location").orElse("").endsWith("/queue/" + request.get("id").asText()));
        JsonNode list = JSON.readTree(rest("GET", "/queue", null, "alice", ALICE_PASSWORD).body());
        assertEquals(list.toString(), 2, list.size());
        assertEquals("waiting", list.get(0).get("spec").get("name").asText());
        String table = shell("alice", "vm:queue", "vmpool-user");
        assertTrue(table, table.contains("waiting") && table.contains("second") && table.contains("alice"));
        assertEquals(2, JSON.readTree(rest("GET", "/queue", null, "admin", adminPw).body()).size());

        // one digest per period for the three refusals (the two kept ones included), not one mail per refusal. The
        // period is a minute from the core's start, so a period may end while the refusals above are made: then
        // two digests share them, neither repeating nor losing one
        waitFor(() -> refusedIn(mails(pop3, "demand.digest")) >= 3, Duration.ofSeconds(150), "the unmet demand digest");
        List<String> digests = mails(pop3, "demand.digest");
        String all = String.join("\n----\n", digests);
        assertEquals(all, 3, refusedIn(digests));
        assertTrue(all, digests.size() <= 2);
        String last = digests.get(digests.size() - 1);
        assertTrue(all, last.contains("2 waiting") && last.contains("largest request 4096 MiB"));
        for (String machine : List.of("nowait", "waiting", "second")) {
            assertEquals(all, 1, digests.stream().filter(d -> d.contains("refused " + machine + " of alice")).count());
        }
        int digestCount = digests.size();

        // capacity appears: a host is added; both requests boot there in order
        String uri = "test://" + karafHome().resolve("etc/vmpool-host2.xml");
        String added = adminShell("host:add host3 " + uri + " --accept ecc");
        assertTrue(added, added.contains("host3 admitted"));
        // a request leaves the list when its create has returned (the machine shows PROVISIONING meanwhile)
        waitFor(() -> "[]".equals(rest("GET", "/queue", null, "alice", ALICE_PASSWORD).body()),
                Duration.ofSeconds(60), "the queued machines to boot");
        for (String name : List.of("waiting", "second")) {
            JsonNode m = JSON.readTree(rest("GET", "/vms/" + name, null, "alice", ALICE_PASSWORD).body());
            assertEquals(m.toString(), "RUNNING", m.get("state").asText());
            assertEquals(m.toString(), "host3", m.get("host").asText());
            assertEquals(m.toString(), "alice", m.get("owner").asText());
        }
        String events = shell("alice", "vm:queue --events", "vmpool-user");
        assertTrue(events, events.contains("queue.booted") && events.contains("booted on host3"));

        // re-armed above 50 %, alerted again when it falls below: one mail per crossing
        adminShell("vm:delete fill2");
        waitFor(() -> inventory.events("pool:capacity", 1).stream().anyMatch(e -> e.type().equals("capacity.recovered")),
                Duration.ofSeconds(30), "free memory back above 50 % (re-armed)");
        assertEquals(1, mails(pop3, "capacity.free-percent").size());
        assertTrue(adminShell("vm:create fill2b --memory 15872 --disk 1").contains("fill2b RUNNING"));
        waitFor(() -> mails(pop3, "capacity.free-percent").size() == 2, Duration.ofSeconds(60), "the second crossing");
        assertEquals("no digest after the demand was met", digestCount, mails(pop3, "demand.digest").size());
    }

    /** How many refused creates the digests count together ("N create(s) refused"). */
    private static int refusedIn(List<String> digests) {
        return digests.stream().mapToInt(d -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) create\\(s\\) refused").matcher(d);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }).sum();
    }

    private static List<String> mails(int pop3, String cause) {
        try {
            return Pop3Mailbox.messages(pop3, MailForTests.LOGIN, MailForTests.PASSWORD).stream()
                    .filter(m -> m.contains(cause)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
