package io.vmpool.storage.lvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmpool.api.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lvm commands on one volume group, each with explicit {@code -o} fields, JSON reports and
 * byte units. It does not lock: callers that change metadata hold the VG's lease ({@link VgLock}).
 */
final class LvmVolumeGroup {
    private static final Logger LOG = LoggerFactory.getLogger(LvmVolumeGroup.class);
    private static final List<String> REPORT = List.of("--reportformat", "json", "--units", "b", "--nosuffix");

    private final String pool;
    private final String vg;
    private final LvmRunner lvm;

    LvmVolumeGroup(String pool, String vg, LvmRunner lvm) {
        this.pool = pool;
        this.vg = vg;
        this.lvm = lvm;
    }

    String name() {
        return vg;
    }

    /** {@code lvm version}: fails with a clear message when the binary is missing; changes nothing. */
    String version() {
        return lvm.run("version", List.of()).stdout().lines().findFirst().orElse("").strip();
    }

    /**
     * The VG's facts (the {@code vg_*} fields and {@code lv_count}), read with {@code pvs --select vg_name=<vg>}:
     * one row per PV, each with the same VG values. Not {@code vgs <vg>}, which reports the same values but
     * takes about twice the CPU on a VG of many LVs (measured, lvm2 2.03.16: 1,500 LVs, ~90 against ~45 ms;
     * docs/lvm.md, "LVM storage" benchmarks). A VG lvm cannot find (no PV selected) is a
     * {@link StorageException} naming it and the PID.
     */
    VgInfo info() {
        return infoOf(report("pvs", "pv", infoArgs()));
    }

    /**
     * {@link #info()} for a change that follows at once: the facts from the report as soon as lvm has printed it,
     * while the read's lvm finishes in its own shell (its ~30 ms teardown then overlaps the change; docs/lvm.md,
     * "The create's read overlaps"). Closing it after the change collects the read's end; lvm failing after it
     * printed the rows is logged, not thrown (the rows were the VG's facts as lvm read them, under the lease).
     */
    FactsRead infoRead() {
        LvmRunner.Report read = lvm.report("pvs", infoArgs());
        List<Map<String, String>> rows = LvmReport.rows(read.report(), "pv");
        try {
            if (rows.isEmpty()) {
                requireSuccess(read.finish()); // lvm's own error first, if it had one
            }
            return new FactsRead(infoOf(rows), read);
        } catch (RuntimeException e) {
            read.finish();
            throw e;
        }
    }

    /** The VG's facts from a report read, and that read's end ({@link #close()}). */
    final class FactsRead implements AutoCloseable {
        private final VgInfo info;
        private final LvmRunner.Report read;

        private FactsRead(VgInfo info, LvmRunner.Report read) {
            this.info = info;
            this.read = read;
        }

        VgInfo info() {
            return info;
        }

        @Override
        public void close() {
            LvmRunner.Result r = read.finish();
            if (r.exitCode() != 0) {
                LOG.warn("pool {}: '{}' failed (exit {}) after it printed the facts the change used: {}", pool,
                        String.join(" ", r.command()), r.exitCode(), LvmRunner.stderrOf(r));
            }
        }
    }

    private List<String> infoArgs() {
        return args(REPORT, "-o", VgInfo.FIELDS, "--select", "vg_name='" + vg + "'"); // quoted: VG names may hold + . -
    }

    private VgInfo infoOf(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new StorageException(pool, "volume group " + vg + " does not exist or lvm cannot see it (pvs found "
                    + "no physical volume of it); create it (vgcreate) or fix volumeGroup / lvmConfig in "
                    + LvmStorageConfig.PID);
        }
        VgInfo info = VgInfo.of(pool, rows.get(0));
        for (Map<String, String> row : rows) {
            if (!VgInfo.of(pool, row).equals(info)) {
                throw new StorageException(pool, "pvs reported different facts for volume group " + vg + " on its "
                        + "physical volumes: " + info + " and " + VgInfo.of(pool, row));
            }
        }
        return info;
    }

    /** Every LV of the VG. */
    List<LvInfo> lvs() {
        return lvs(List.of());
    }

    /** The LV named {@code lv}, if it exists (selected by lvm, so a missing one is not an error). */
    Optional<LvInfo> lv(String lv) {
        return lvs(List.of("--select", "lv_name=" + lv)).stream().filter(l -> l.name().equals(lv)).findFirst();
    }

    private List<LvInfo> lvs(List<String> select) {
        List<String> a = args(REPORT, "-o", LvInfo.FIELDS);
        a.addAll(select);
        a.add(vg);
        List<LvInfo> out = new ArrayList<>();
        for (Map<String, String> row : report("lvs", "lv", a)) {
            out.add(LvInfo.of(pool, row));
        }
        return out;
    }

    /** Runs a report command; lvm's "Volume group ... not found" becomes a message naming the VG and the PID. */
    private List<Map<String, String>> report(String subcommand, String section, List<String> a) {
        LvmRunner.Result r = lvm.runAllowingFailure(subcommand, a);
        requireSuccess(r);
        return LvmReport.rows(pool, r.stdout(), section);
    }

    /** A failed command as a {@link StorageException}; lvm's "Volume group ... not found" names the VG and the PID. */
    private void requireSuccess(LvmRunner.Result r) {
        if (r.exitCode() != 0) {
            String err = LvmRunner.stderrOf(r);
            if (err.contains("Volume group \"" + vg + "\" not found")) {
                throw new StorageException(pool, "volume group " + vg + " does not exist or lvm cannot see it (lvm: "
                        + err + "); create it (vgcreate) or fix volumeGroup / lvmConfig in " + LvmStorageConfig.PID);
            }
            throw new StorageException(pool, "'" + String.join(" ", r.command()) + "' failed (exit " + r.exitCode()
                    + "): " + err);
        }
    }

    /**
     * {@code lvcreate -l <extents>} with the given tags. In whole extents because lvm refuses a
     * {@code -L} size that is not a multiple of 512 bytes; the caller rounds up as lvm would.
     */
    void create(String lv, long extents, List<String> tags, boolean activate) {
        List<String> a = args(List.of(), "--yes", activate ? "-aey" : "-an", "-l", Long.toString(extents), "-n", lv);
        for (String tag : tags) {
            a.add("--addtag");
            a.add(tag);
        }
        a.add(vg);
        lvm.run("lvcreate", a);
    }

    /** {@code lvremove --yes vg/lv}. */
    void remove(String lv) {
        lvm.run("lvremove", List.of("--yes", vg + "/" + lv));
    }

    /**
     * One {@code lvremove --select "lv_name='<lv>' && lv_tags={<tag>}"}: removes the LV only if it carries the tag,
     * in one lvm command instead of a read and a remove (docs/lvm.md, "The delete in one command"). True when the
     * command log says lvm processed that LV with success, false when it removed nothing (no such LV, or one
     * without the tag: the caller tells them apart); empty when the pool runs lvm processes, which have no
     * command log (then the caller reads and removes).
     */
    Optional<Boolean> removeIfTagged(String lv, String tag) {
        Optional<LvmRunner.Result> r = lvm.runLogged("lvremove", List.of("--yes", "--select",
                "lv_name='" + lv + "' && lv_tags={" + tag + "}", vg));
        r.ifPresent(this::requireSuccess);
        return r.map(x -> removed(x.commandLog(), lv));
    }

    /** Whether the command log has lvm's success status for processing LV {@code lv} of this VG. */
    private boolean removed(JsonNode commandLog, String lv) {
        for (JsonNode row : commandLog.path("log")) {
            if ("processing".equals(row.path("log_context").asText()) && "status".equals(row.path("log_type").asText())
                    && "lv".equals(row.path("log_object_type").asText()) && lv.equals(row.path("log_object_name").asText())
                    && vg.equals(row.path("log_object_group").asText())) {
                if (!"1".equals(row.path("log_ret_code").asText())) {
                    throw new StorageException(pool, "lvremove of " + vg + "/" + lv + " reported "
                            + row.path("log_message").asText() + " (" + row + ")");
                }
                return true;
            }
        }
        return false;
    }

    /** {@code lvresize -l <extents> vg/lv}. */
    void resize(String lv, long extents) {
        lvm.run("lvresize", List.of("-l", Long.toString(extents), vg + "/" + lv));
    }

    /**
     * {@code lvchange -aey vg/lv}: activates the LV exclusively on this host, so {@code /dev/<vg>/<lv>}
     * exists for a hypervisor here. Not part of the StoragePool API: a host agent calls it (docs/lvm.md).
     */
    void activate(String lv) {
        lvm.run("lvchange", List.of("-aey", vg + "/" + lv));
    }

    /** {@code lvchange -an vg/lv}: deactivates the LV on this host (before another host activates it). */
    void deactivate(String lv) {
        lvm.run("lvchange", List.of("-an", vg + "/" + lv));
    }

    /** {@code pvcreate --metadatasize <bytes>b device} (init only). */
    void pvcreate(String device, long metadataBytes) {
        lvm.run("pvcreate", List.of("--metadatasize", metadataBytes + "b", device));
    }

    /** {@code vgcreate vg device} (init only). */
    void vgcreate(String device) {
        lvm.run("vgcreate", List.of(vg, device));
    }

    private static List<String> args(List<String> first, String... more) {
        List<String> a = new ArrayList<>(first);
        a.addAll(List.of(more));
        return a;
    }
}
