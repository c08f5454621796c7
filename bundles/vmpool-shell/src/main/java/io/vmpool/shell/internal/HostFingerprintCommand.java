package io.vmpool.shell.internal;

import io.vmpool.api.host.HostAdmissionService;
import io.vmpool.api.host.HostFingerprint;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:fingerprint [--refresh] host1 — the facts recorded of a host, or a new fingerprint taken now. */
@Service
@Command(scope = "host", name = "fingerprint", description = "Shows a host's recorded fingerprint; --refresh takes a new one")
public class HostFingerprintCommand implements Action {

    @Reference
    HostAdmissionService admission;

    @Option(name = "--refresh", description = "Take and record a new fingerprint first (from the sources it was "
            + "admitted with)")
    boolean refresh;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        HostFingerprint f = refresh ? admission.refresh(host, ShellCaller.current())
                : admission.fingerprint(host, ShellCaller.current());
        System.out.println(f.host() + ": " + f.facts().size() + " facts, taken " + f.takenAt());
        int width = f.facts().keySet().stream().mapToInt(String::length).max().orElse(4);
        f.facts().forEach((k, v) -> System.out.printf("  %-" + width + "s  %s%n", k, v));
        return null;
    }
}
