package io.vmpool.shell.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.storage.StorageService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** Shared part of the storage:* commands: administrators only (volumes of every owner are shown). */
abstract class StorageCommand implements Action {
    static final long MIB = 1024 * 1024;

    @Reference
    StorageService storage;

    @Reference
    MachineService machines;

    @Override
    public final Object execute() {
        if (!machines.isAdministrator(ShellCaller.current())) {
            throw new ForbiddenException(getClass().getAnnotation(org.apache.karaf.shell.api.action.Command.class).scope()
                    + ":" + getClass().getAnnotation(org.apache.karaf.shell.api.action.Command.class).name()
                    + " is for administrators (the core's adminRole, vmpool-admin by default)");
        }
        run();
        return null;
    }

    abstract void run();

    static long mib(long bytes) {
        return bytes / MIB;
    }
}
