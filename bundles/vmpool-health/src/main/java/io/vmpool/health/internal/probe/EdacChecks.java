package io.vmpool.health.internal.probe;

import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.health.internal.edac.DimmCounters;
import io.vmpool.health.internal.edac.EdacSample;
import io.vmpool.health.internal.edac.MemoryControllerCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The admission checks an EDAC sample answers: {@code ecc} (a controller, and every DIMM in an ECC mode
 * other than None/Unknown) and {@code uncorrected-errors} (every ue_count 0), and its facts.
 */
final class EdacChecks {
    static final String ECC = "ecc";
    static final String UNCORRECTED = "uncorrected-errors";

    private EdacChecks() {
    }

    static List<AdmissionCheck> checks(EdacSample sample, String where) {
        List<AdmissionCheck> checks = new ArrayList<>();
        String problems = sample.problems().isEmpty() ? "" : " (" + String.join("; ", sample.problems()) + ")";
        if (sample.controllers().isEmpty()) {
            checks.add(AdmissionCheck.failed(ECC, "no EDAC memory controller in " + where + problems
                    + ": ECC is absent or its EDAC driver is not loaded"));
            checks.add(AdmissionCheck.skipped(UNCORRECTED, "no EDAC counters to read in " + where));
            return checks;
        }
        List<DimmCounters> dimms = sample.dimms();
        List<String> withoutEcc = dimms.stream().filter(d -> !d.eccEnabled()).map(EdacChecks::describe).toList();
        if (dimms.isEmpty()) {
            checks.add(AdmissionCheck.failed(ECC, "the EDAC controllers in " + where + " ("
                    + names(sample) + ") list no DIMM, so no ECC mode can be read" + problems));
        } else if (!withoutEcc.isEmpty()) {
            checks.add(AdmissionCheck.failed(ECC, withoutEcc.size() + " of " + dimms.size() + " DIMMs in " + where
                    + " report no ECC mode: " + String.join(", ", withoutEcc) + " (is ECC off in the BIOS?)"));
        } else {
            checks.add(AdmissionCheck.passed(ECC, dimms.size() + " DIMMs on " + sample.controllers().size()
                    + " controller(s), mode " + modes(sample) + ", in " + where));
        }
        List<String> uncorrected = new ArrayList<>();
        for (MemoryControllerCounters mc : sample.controllers()) {
            if (mc.uncorrectedCount() > 0) {
                uncorrected.add(mc.name() + " ue_count " + mc.uncorrectedCount());
            }
            for (DimmCounters d : mc.dimms()) {
                if (d.uncorrectedCount().orElse(0) > 0) {
                    uncorrected.add(describe(d) + " dimm_ue_count " + d.uncorrectedCount().getAsLong());
                }
            }
        }
        checks.add(uncorrected.isEmpty()
                ? AdmissionCheck.passed(UNCORRECTED, "ue_count 0 on every controller and DIMM in " + where)
                : AdmissionCheck.failed(UNCORRECTED, "uncorrected memory errors in " + where + ": "
                        + String.join(", ", uncorrected)));
        return checks;
    }

    static void facts(EdacSample sample, Map<String, String> facts) {
        if (sample.controllers().isEmpty()) {
            return;
        }
        facts.put("edac.controllers", Integer.toString(sample.controllers().size()));
        facts.put("edac.dimms", Integer.toString(sample.dimms().size()));
        String modes = modes(sample);
        if (!modes.isEmpty()) {
            facts.put("edac.mode", modes);
        }
        String mcNames = sample.controllers().stream().map(MemoryControllerCounters::mcName).filter(n -> !n.isBlank())
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
        if (!mcNames.isEmpty()) {
            facts.put("edac.driver", mcNames);
        }
    }

    private static String modes(EdacSample sample) {
        return sample.dimms().stream().map(DimmCounters::edacMode).filter(m -> !m.isBlank())
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
    }

    private static String names(EdacSample sample) {
        return sample.controllers().stream().map(MemoryControllerCounters::name).collect(Collectors.joining(", "));
    }

    private static String describe(DimmCounters d) {
        return d.id().controller() + "/" + d.id().dimm() + (d.label().isBlank() ? "" : " (" + d.label() + ")")
                + (d.edacMode().isBlank() || d.eccEnabled() ? "" : " mode " + d.edacMode());
    }
}
