package io.vmpool.shell.internal;

import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** Shared part of the vm:* commands: the machine service and the calling user. */
abstract class MachineCommand implements Action {

    @Reference
    MachineService machines;

    Caller caller() {
        return ShellCaller.current();
    }

    static String line(Machine m) {
        return m.name() + " " + m.state() + (m.host() == null ? "" : " on " + m.host())
                + (m.stateReason() == null ? "" : " (" + m.stateReason() + ")");
    }
}
