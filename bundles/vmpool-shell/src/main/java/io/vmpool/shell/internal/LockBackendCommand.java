package io.vmpool.shell.internal;

import io.vmpool.api.lock.LockService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** lock:backend — which lock backend is active, since when, and how many swaps there were. */
@Service
@Command(scope = "lock", name = "backend", description = "Shows the active lock backend and since when it is active")
public class LockBackendCommand implements Action {

    @Reference
    LockService locks;

    @Override
    public Object execute() {
        LockService.Backend b = locks.backend();
        System.out.println(b.name() + " (service ranking " + b.ranking() + ") active since " + b.since() + "; "
                + b.swaps() + " swap(s) since start");
        return null;
    }
}
