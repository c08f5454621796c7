package io.vmpool.shell.internal;

import io.vmpool.api.Event;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** health:events host — a host's recorded health state changes and alerts, newest first. */
@Service
@Command(scope = "health", name = "events", description = "Lists a host's health state changes and alerts, newest first")
public class HostEventsCommand implements Action {

    @Reference
    MachineService machines;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Option(name = "--limit", aliases = "-n", description = "How many (default 20)")
    int limit = 20;

    @Override
    public Object execute() {
        for (Event e : machines.hostEvents(host, ShellCaller.current(), limit)) {
            System.out.println(e.time() + " " + e.type() + " by " + e.actor() + ": " + e.message());
        }
        return null;
    }
}
