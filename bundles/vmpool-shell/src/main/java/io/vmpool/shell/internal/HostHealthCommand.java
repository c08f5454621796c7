package io.vmpool.shell.internal;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * host:health [host] — each host's health state, since when and why; with a host, its latest
 * observations (the decoded machine checks, counters, heartbeats) with their evidence.
 */
@Service
@Command(scope = "host", name = "health", description = "Shows the hosts' health states (and one host's latest observations)")
public class HostHealthCommand implements Action {

    @Reference
    MachineService machines;

    @Reference(optional = true)
    HostHealthService health;

    @Argument(index = 0, name = "host", description = "Only this host, with its observations")
    String host;

    @Option(name = "--evidence", aliases = "-e", description = "Also print each observation's evidence lines")
    boolean evidence;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:health");
        HostHealthService h = HealthCommands.require(health);
        if (host == null) {
            ShellTable table = new ShellTable();
            table.column("Host");
            table.column("State");
            table.column("Since");
            table.column("Reason");
            for (HostHealth x : h.all()) {
                table.addRow().addContent(x.host(), x.state(), x.since(), x.reason());
            }
            table.print(System.out);
            return null;
        }
        HostHealth x = h.health(host).orElseThrow(() -> new io.vmpool.api.NotFoundException(
                "the health policy has heard nothing of host " + host));
        System.out.println(x.host() + ": " + x.state() + " since " + x.since() + " (" + x.reason() + ")");
        for (HealthObservation o : x.recent()) {
            System.out.println("  " + o.at() + " " + o.source() + " " + o.signal() + ": " + o.summary());
            if (evidence) {
                o.evidence().forEach(line -> System.out.println("      " + line));
            }
        }
        return null;
    }
}
