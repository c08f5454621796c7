package io.vmpool.health.internal.mce;

import java.util.List;

/** Something recognised in a kernel log or console stream. */
public sealed interface ConsoleEvent permits ConsoleEvent.MachineCheckRecord, ConsoleEvent.Panic,
        ConsoleEvent.HungTask, ConsoleEvent.KernelNotice, ConsoleEvent.Unparsed {

    /** The lines the event was read from, as they were in the log. */
    List<String> lines();

    /** A complete (or, when the log broke off, partial) machine-check record. */
    record MachineCheckRecord(MachineCheck record, boolean complete) implements ConsoleEvent {
        @Override
        public List<String> lines() {
            return record.rawLines();
        }
    }

    /** "Kernel panic - not syncing: ...": {@code machineCheck} when the reason names a machine check. */
    record Panic(String reason, boolean machineCheck, List<String> lines) implements ConsoleEvent {
        public Panic {
            lines = List.copyOf(lines);
        }
    }

    /** "INFO: task NAME:PID blocked for more than N seconds." */
    record HungTask(String task, int pid, long seconds, List<String> lines) implements ConsoleEvent {
        public HungTask {
            lines = List.copyOf(lines);
        }
    }

    /** A machine-check related kernel message that is not a record (see {@link NoticeKind}). */
    record KernelNotice(NoticeKind kind, String text, List<String> lines) implements ConsoleEvent {
        public KernelNotice {
            lines = List.copyOf(lines);
        }
    }

    /** A line that looked like a machine-check line but could not be read, and why. */
    record Unparsed(String reason, List<String> lines) implements ConsoleEvent {
        public Unparsed {
            lines = List.copyOf(lines);
        }
    }
}
