package io.vmpool.shell.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * lock:acquire — an administrator's probe of the lock layer: takes the given resources in the
 * given order as one owner, holds them, then lets go. Two of these in two shells, in opposite
 * orders, show what a deadlock looks like to the one that would close it.
 */
@Service
@Command(scope = "lock", name = "acquire", description = "Takes resources in order as one owner, holds them, releases them (administrators; a probe of the lock layer)")
public class LockAcquireCommand implements Action {
    private static final AtomicLong PROBES = new AtomicLong();

    @Reference
    LockService locks;

    @Reference
    MachineService machines;

    @Argument(index = 0, name = "resources", description = "Resources to take, in this order, e.g. machine:a machine:b",
            required = true, multiValued = true)
    List<String> resources;

    @Option(name = "--shared", description = "Take them shared instead of exclusive")
    boolean shared;

    @Option(name = "--wait", description = "Seconds to wait for each resource")
    long waitSeconds = 30;

    @Option(name = "--pause", description = "Seconds to pause after each grant but the last")
    long pauseSeconds;

    @Option(name = "--hold", description = "Seconds to hold everything before releasing")
    long holdSeconds;

    @Override
    public Object execute() throws Exception {
        Caller caller = ShellCaller.current();
        if (!machines.isAdministrator(caller)) {
            throw new ForbiddenException("lock:acquire is for administrators (the core's adminRole, vmpool-admin by default)");
        }
        for (String r : resources) {
            if (r.startsWith("-")) {
                throw new IllegalArgumentException("'" + r + "' is not a resource: write the options before the resources,"
                        + " e.g. lock:acquire --pause 4 machine:a machine:b");
            }
        }
        String owner = "shell-" + PROBES.incrementAndGet() + ":" + caller.name();
        Duration ttl = Duration.ofSeconds(waitSeconds * resources.size() + pauseSeconds * resources.size() + holdSeconds + 60);
        Deque<Lease> held = new ArrayDeque<>();
        try {
            for (int i = 0; i < resources.size(); i++) {
                Lease lease = locks.acquire(new LockRequest(resources.get(i), shared ? LockMode.SHARED : LockMode.EXCLUSIVE,
                        owner, Duration.ofSeconds(waitSeconds), ttl));
                held.push(lease);
                System.out.println(owner + " holds " + lease.resource() + " (token " + lease.token() + ")");
                if (i < resources.size() - 1 && pauseSeconds > 0) {
                    Thread.sleep(pauseSeconds * 1000);
                }
            }
            if (holdSeconds > 0) {
                Thread.sleep(holdSeconds * 1000);
            }
        } finally {
            while (!held.isEmpty()) {
                held.pop().close();
            }
        }
        System.out.println(owner + " released " + String.join(", ", resources));
        return null;
    }
}
