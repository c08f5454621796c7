package io.vmpool.shell.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** lock:release --force — an administrator frees a resource whatever holds it; recorded as an event. */
@Service
@Command(scope = "lock", name = "release", description = "Forces every lease on a resource free (administrators; recorded as an event)")
public class LockReleaseCommand implements Action {
    @Reference
    LockService locks;

    @Reference
    MachineService machines;

    @Argument(index = 0, name = "resource", description = "The resource, e.g. machine:web1", required = true)
    String resource;

    @Option(name = "--force", description = "Required: the holders lose their leases and may be cut off mid-operation")
    boolean force;

    @Override
    public Object execute() {
        Caller caller = ShellCaller.current();
        if (!machines.isAdministrator(caller)) {
            throw new ForbiddenException("lock:release is for administrators (the core's adminRole, vmpool-admin by default)");
        }
        if (!force) {
            throw new IllegalArgumentException("lock:release needs --force: the holders of " + resource
                    + " lose their leases; see lock:list first");
        }
        int n = locks.forceRelease(resource, caller.name());
        System.out.println(n + " lease(s) on " + resource + " released");
        return null;
    }
}
