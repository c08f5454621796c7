package io.vmpool.shell.internal;

import io.vmpool.api.host.FingerprintDiff;
import io.vmpool.api.host.HostAdmissionService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:diff host1 host2 — every fingerprint fact that differs between two hosts, side by side. */
@Service
@Command(scope = "host", name = "diff", description = "Lists the fingerprint facts (BIOS, board, memory, CPU, kernel, "
        + "libvirt, EDAC, settings) that differ between two hosts")
public class HostDiffCommand implements Action {

    @Reference
    HostAdmissionService admission;

    @Argument(index = 0, name = "a", required = true, description = "One host")
    String a;

    @Argument(index = 1, name = "b", required = true, description = "The other host")
    String b;

    @Override
    public Object execute() {
        FingerprintDiff diff = admission.diff(a, b, ShellCaller.current());
        int keyWidth = Math.max(4, diff.differences().stream().mapToInt(d -> d.key().length()).max().orElse(4));
        int aWidth = Math.max(a.length(), diff.differences().stream().mapToInt(d -> shown(d.a()).length()).max().orElse(1));
        String format = "%-" + keyWidth + "s  %-" + aWidth + "s  %s%n";
        System.out.printf(format, "fact", a, b);
        diff.differences().forEach(d -> System.out.printf(format, d.key(), shown(d.a()), shown(d.b())));
        System.out.println(diff.differences().size() + " facts differ, " + diff.same() + " are the same (fingerprints "
                + "taken " + diff.a().takenAt() + " and " + diff.b().takenAt() + ")");
        return null;
    }

    private static String shown(String value) {
        return value == null ? "-" : value;
    }
}
