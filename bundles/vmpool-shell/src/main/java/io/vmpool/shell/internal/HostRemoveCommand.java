package io.vmpool.shell.internal;

import io.vmpool.api.host.HostAdmissionService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:remove host3 — takes a host with no machines out of the pool; its fingerprint and events stay. */
@Service
@Command(scope = "host", name = "remove", description = "Takes a host with no machines out of the pool (its "
        + "fingerprint and events stay)")
public class HostRemoveCommand implements Action {

    @Reference
    HostAdmissionService admission;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        admission.remove(host, ShellCaller.current());
        System.out.println(host + " removed from the pool");
        return null;
    }
}
