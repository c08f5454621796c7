package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.storage.StorageService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The LVM backend in the distribution, on real lvm2 over a loop device: installed as a feature, a
 * pool configured with an etc/ file as an admin would, VMs created on it through the shell and REST
 * beside the file pool, and the metadata guard refusing before lvm itself fails (the seed's
 * "metadata ... exceeds maximum metadata size"). Needs root, loop devices and lvm2 (CI has them).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LvmStorageIT extends VmpoolTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");
    /** vmpool refuses a create that would leave room for fewer than this many more volumes. */
    private static final int FLOOR = 20;

    @Inject
    protected MachineService machines;

    @Inject
    protected StorageService storage;

    @Inject
    protected io.vmpool.api.inventory.InventoryStore inventory;

    @Inject
    protected FeaturesService features;

    @Inject
    protected org.osgi.service.cm.ConfigurationAdmin configs;

    @Inject
    protected org.osgi.framework.BundleContext context;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    private boolean poolAnswers(String id) {
        try {
            return storage.pools().stream().anyMatch(p -> p.id().equals(id)) && storage.health(id) != null;
        } catch (RuntimeException stillStarting) {
            return false;
        }
    }

    private boolean initializerConfiguredWith(String lvmConfig) {
        try {
            return context.getServiceReferences(io.vmpool.api.storage.PoolInitializer.class, null).stream()
                    .anyMatch(r -> lvmConfig.equals(r.getProperty("lvmConfig")));
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void storageInitMakesAVolumeGroupSizedForTheVolumesAsked() throws Exception {
        assumeTrue("needs root for losetup and pvcreate", "root".equals(System.getProperty("user.name")));
        assumeTrue("needs loop devices", Files.exists(Path.of("/dev/loop-control")));
        features.installFeature("vmpool-storage-lvm", EnumSet.noneOf(FeaturesService.Option.class));
        try (LoopVolumeGroup dev = LoopVolumeGroup.bare(karafHome().resolve("data/lvm-itest"), 8L << 30)) {
            org.osgi.service.cm.Configuration cfg = configs.getConfiguration("io.vmpool.storage.lvm.init", "?");
            java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
            props.put("lvmConfig", dev.lvmConfig);
            props.put("metadataInitialBytesPerVolume", 360L);
            cfg.update(props);
            // DS publishes the configuration as service properties: wait for the initializer that has it
            waitFor(() -> initializerConfiguredWith(dev.lvmConfig), Duration.ofSeconds(30),
                    "the LVM initializer to take its configuration");
            try {
                String bad = adminShell("storage:init lvm /tmp/not-a-device " + dev.name + " --volumes 100");
                assertTrue(bad, bad.contains("is not a /dev path"));
                String none = adminShell("storage:init zfs " + dev.loop + " " + dev.name + " --volumes 100");
                assertTrue(none, none.contains("no storage backend installed can initialise a pool of kind 'zfs'"));
                String out = adminShell("storage:init lvm " + dev.loop + " " + dev.name + " --volumes 3000");
                assertTrue(out, out.contains("created physical volume " + dev.loop) && out.contains("volume group " + dev.name));
                // 3000 x 360 x 2 x 1.5 + 2048 bytes asked; pvcreate rounds up to its alignment, never down
                long area = Long.parseLong(dev.lvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_mda_size",
                        dev.name).strip());
                assertTrue("metadata area " + area, area >= 3000L * 360 * 2 * 3 / 2 + 2048);
            } finally {
                cfg.delete();
            }
        }
    }

    @Test
    public void vmsOnAnLvmPoolBesideTheFilePoolAndTheGuardRefusesBeforeLvmFails() throws Exception {
        assumeTrue("needs root for losetup and pvcreate", "root".equals(System.getProperty("user.name")));
        assumeTrue("needs loop devices", Files.exists(Path.of("/dev/loop-control")));
        String adminPw = adminPassword();
        waitFor(() -> machines.hosts(ADMIN).size() == 2 && machines.hosts(ADMIN).stream().allMatch(HostStatus::reachable),
                Duration.ofSeconds(60), "both embedded hosts connected");
        // the smallest metadata area pvcreate makes (32 KiB): lvm itself fails at about 41 vmpool volumes
        try (LoopVolumeGroup vg = LoopVolumeGroup.create(karafHome().resolve("data/lvm-itest"), 64L << 30, "32k", "4k")) {
            features.installFeature("vmpool-storage-lvm", EnumSet.noneOf(FeaturesService.Option.class));
            // one update, as config:edit + config:update would make (Karaf saves it to etc/)
            org.osgi.service.cm.Configuration cfg = configs.getFactoryConfiguration("io.vmpool.storage.lvm", "itest", "?");
            java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
            props.put("volumeGroup", vg.name);
            props.put("lvmConfig", vg.lvmConfig);
            props.put("metadataFloorVolumes", FLOOR);
            props.put("metadataInitialBytesPerVolume", 360L); // measured ~356 for a vmpool volume (docs/lvm.md)
            // warn while about 25 volumes still fit, before the floor of 20 refuses (the shipped 25 % of a
            // 1 MiB area is about 365 volumes; this area is tiny)
            props.put("metadataWarnPercent", 60);
            cfg.update(props);
            List<String> created = new ArrayList<>();
            try {
                // Karaf saves a new configuration to etc/ and then updates it once more with the file's name,
                // which restarts the pool (a call in flight then says "stopping; try again"): wait for both
                waitFor(() -> poolAnswers(vg.name), Duration.ofSeconds(60), "the LVM pool " + vg.name + " to start");
                String list = adminShell("storage:list");
                assertTrue(list, list.matches("(?s).*" + vg.name + "\\s*\\|\\s*lvm.*") && list.matches("(?s).*file\\s*\\|\\s*file\\s*\\|\\s*yes.*"));

                // shell, on the LVM pool
                String out = adminShell("vm:create lvm1 --memory 128 --disk 1 --pool " + vg.name);
                created.add("lvm1");
                assertTrue(out, out.contains("lvm1 RUNNING") && out.contains("lvm:" + vg.name + "/vmpool_lvm1_disk0"));
                assertTrue(vg.lvs(), vg.lvs().contains("vmpool_lvm1_disk0"));

                // REST, on the LVM pool
                HttpResponse<String> r = rest("POST", "/vms", "{\"name\":\"lvm2\",\"memoryMiB\":128,\"vcpus\":1,\"diskGiB\":1,"
                        + "\"pool\":\"" + vg.name + "\"}", "admin", adminPw);
                created.add("lvm2");
                assertEquals(r.body(), 201, r.statusCode());
                assertEquals("lvm:" + vg.name + "/vmpool_lvm2_disk0", JSON.readTree(r.body()).get("volumeId").asText());
                // the pool may be restarting once more (Karaf's second update of a saved configuration): ask until it answers
                HttpResponse<String> answer = restUntil("GET", "/storage/pools/" + vg.name, null, "admin", adminPw,
                        a -> a.statusCode() == 200, Duration.ofSeconds(60), "GET /storage/pools/" + vg.name + " answering 200");
                JsonNode health = JSON.readTree(answer.body());
                assertEquals(health.toString(), 2, health.get("volumes").asInt());
                assertTrue(health.toString(), health.get("metadata").get("volumesLeft").asLong() > FLOOR);

                // the file pool still works beside it
                assertTrue(adminShell("vm:create file1 --memory 128 --disk 1").contains("disk file:vmpool_file1_disk0.img"));
                created.add("file1");

                // a pool that does not exist: 400 naming the pools, nothing created
                HttpResponse<String> bad = rest("POST", "/vms", "{\"name\":\"nopool\",\"memoryMiB\":128,\"vcpus\":1,"
                        + "\"diskGiB\":1,\"pool\":\"nosuch\"}", "admin", adminPw);
                assertEquals(bad.body(), 400, bad.statusCode());
                assertTrue(bad.body(), bad.body().contains("no storage pool 'nosuch'") && bad.body().contains(vg.name));

                // fill the metadata area until vmpool refuses
                LimitExceededException refused = null;
                for (int i = 3; i < 100 && refused == null; i++) {
                    try {
                        machines.create(new MachineSpec("lvm" + i, 64, 1, 1, null, vg.name), ADMIN);
                        created.add("lvm" + i);
                    } catch (LimitExceededException e) {
                        refused = e;
                    }
                }
                assertTrue("vmpool refused a create", refused != null);
                assertTrue(refused.getMessage(), refused.getMessage().contains("metadataFloorVolumes")
                        && refused.getMessage().contains("--metadatasize"));
                assertTrue("the warning level was crossed on the way and recorded as an event", inventory
                        .events("storage:" + vg.name, 10).stream().anyMatch(e -> e.type().equals("storage.warning")));
                String health2 = adminShell("storage:health " + vg.name);
                assertTrue(health2, health2.contains("metadata: about") && health2.contains("WARNING"));
                HttpResponse<String> refusedRest = rest("POST", "/vms", "{\"name\":\"lvmrest\",\"memoryMiB\":64,\"vcpus\":1,"
                        + "\"diskGiB\":1,\"pool\":\"" + vg.name + "\"}", "admin", adminPw);
                assertEquals(refusedRest.body(), 409, refusedRest.statusCode());
                assertTrue(refusedRest.body(), refusedRest.body().contains("metadataFloorVolumes"));
                assertFalse("the refused machine was not left behind", machines.list(ADMIN).stream()
                        .anyMatch(m -> m.name().equals("lvmrest")));

                // lvm itself never reached its own error: it still takes a volume of the same kind
                vg.lvm("lvcreate", "-an", "--yes", "-l", "1", "-n", "probe", "--addtag", "vmpool", "--addtag",
                        "vmpool_machine_probe", vg.name);
                assertTrue(vg.lvs().contains("probe"));
                vg.lvm("lvremove", "-y", vg.name + "/probe");
            } finally {
                for (String name : created) {
                    try {
                        machines.delete(name, ADMIN);
                    } catch (RuntimeException e) {
                        // best effort; the VG goes below
                    }
                }
                cfg.delete();
                waitFor(() -> storage.pools().stream().noneMatch(p -> p.id().equals(vg.name)), Duration.ofSeconds(60),
                        "the LVM pool to stop after its configuration was removed"); // one stopping is listed with its problem
            }
            assertTrue("every vmpool volume was deleted: " + vg.lvs(), !vg.lvs().contains("vmpool_"));
        }
    }
}
