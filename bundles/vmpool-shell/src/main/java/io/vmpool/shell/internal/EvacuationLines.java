package io.vmpool.shell.internal;

import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.Evacuation.Item;
import io.vmpool.api.machine.Evacuation.ItemState;
import org.apache.karaf.shell.support.table.ShellTable;

/** How the host commands show a drain: a header, one line per machine change, a summary, or a table. */
final class EvacuationLines {
    private EvacuationLines() {
    }

    static String header(Evacuation e) {
        return "evacuation " + e.id() + " of " + e.host() + " (started " + e.startedAt() + " by " + e.actor() + "): "
                + e.machines().size() + " machine(s), " + e.parallelism() + " at a time";
    }

    static String item(Item i) {
        return "  " + i.machine() + " (" + i.memoryMiB() + " MiB, " + i.machineState() + ") " + i.state()
                + (i.target() == null ? "" : (i.state() == ItemState.MOVED ? " to " : " -> ") + i.target())
                + (i.reason() == null ? "" : ": " + i.reason());
    }

    static String summary(Evacuation e) {
        return e.id() + (e.done() ? " done: " : " so far: ") + e.count(ItemState.MOVED) + " moved, " + e.count(ItemState.STAYS)
                + " stay, " + e.count(ItemState.FAILED) + " failed" + (e.done() ? "" : ", "
                + (e.count(ItemState.PENDING) + e.count(ItemState.MOVING)) + " to go");
    }

    static void table(Evacuation e) {
        ShellTable t = new ShellTable();
        t.column("Machine");
        t.column("MiB").alignRight();
        t.column("Was");
        t.column("State");
        t.column("Target");
        t.column("Reason");
        for (Item i : e.machines()) {
            t.addRow().addContent(i.machine(), i.memoryMiB(), i.machineState(), i.state(), i.target() == null ? "-" : i.target(),
                    i.reason() == null ? "" : i.reason());
        }
        t.print(System.out);
    }
}
