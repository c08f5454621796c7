package io.vmpool.health.internal.mce;

/** Kernel messages about machine checks that are not records themselves. */
public enum NoticeKind {
    /** "Machine check events logged": records were queued (they follow on the console, or only go to the trace/mcelog). */
    EVENTS_LOGGED,
    /** "Machine check: &lt;message&gt;": the kernel's verdict before it panics, e.g. "Processor context corrupt". */
    VERDICT,
    /** "CPUs not responding to MCE broadcast": the rendezvous of all CPUs failed. */
    BROADCAST_TIMEOUT,
    /** "Memory failure: 0xPFN: recovery action for ...": a page taken offline after an uncorrected memory error. */
    MEMORY_FAILURE
}
