package io.vmpool.shell.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.MachineService;

/** What the host health commands share: administrators only, and a health policy to ask. */
final class HealthCommands {
    private HealthCommands() {
    }

    static void requireAdmin(MachineService machines, String command) {
        if (!machines.isAdministrator(ShellCaller.current())) {
            throw new ForbiddenException(command + " is for administrators (the core's adminRole, vmpool-admin by default)");
        }
    }

    static HostHealthService require(HostHealthService health) {
        if (health == null) {
            throw new BackendException("health", "no health policy is running: feature:install vmpool-health");
        }
        return health;
    }
}
