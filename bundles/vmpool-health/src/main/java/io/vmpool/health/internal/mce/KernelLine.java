package io.vmpool.health.internal.mce;

/**
 * A kernel log line without what syslog, the journal, dmesg or printk put in front of the
 * message: "Dec  1 20:28:51 host kernel: ", "&lt;4&gt;", "[    5.779374] ". Also drops the kernel's
 * "mce: " and "[Hardware Error]: " prefixes, remembering that they were there. The body is the line
 * from {@code start} to {@code end} (trailing white space dropped); it is made into a string only when
 * asked for, so most lines, which a parser rejects by a prefix ({@link #startsWith}), cost no copy. One
 * per parser, {@link #set} for each line, so reading a line allocates nothing. Not thread-safe.
 */
final class KernelLine {
    private static final String KERNEL_TAG = "kernel: ";
    private static final String MCE = "mce: ";
    private static final String HW_ERR = "[Hardware Error]: ";

    private String raw = "";
    private int start;
    private int end;
    private boolean mce;
    private boolean hardwareError;

    /** Takes {@code line} apart; returns this. */
    KernelLine set(String line) {
        int at = 0;
        int tag = line.indexOf(KERNEL_TAG);
        if (tag >= 0) {
            at = tag + KERNEL_TAG.length();
        }
        at = skipPriority(line, at);
        at = skipTimestamp(line, at);
        mce = line.startsWith(MCE, at);
        if (mce) {
            at += MCE.length();
        }
        hardwareError = line.startsWith(HW_ERR, at);
        if (hardwareError) {
            at += HW_ERR.length();
        }
        int last = line.length();
        while (last > at && Character.isWhitespace(line.charAt(last - 1))) {
            last--;
        }
        raw = line;
        start = at;
        end = last;
        return this;
    }

    /** Whether the kernel's "mce: " prefix was there. */
    boolean mce() {
        return mce;
    }

    /** Whether "[Hardware Error]: " was there (after "mce: ", if that was). */
    boolean hardwareError() {
        return hardwareError;
    }

    /** The message without the prefixes and trailing white space. */
    String body() {
        return raw.substring(start, end);
    }

    /** {@code body().startsWith(prefix)}, without making the body. */
    boolean startsWith(String prefix) {
        return prefix.length() <= end - start && raw.startsWith(prefix, start);
    }

    /** "&lt;4&gt;" as dmesg -r and /dev/kmsg readers print it. */
    private static int skipPriority(String line, int start) {
        if (start < line.length() && line.charAt(start) == '<') {
            int close = line.indexOf('>', start);
            if (close > start + 1 && allDigits(line, start + 1, close)) {
                return close + 1;
            }
        }
        return start;
    }

    /** "[    5.779374] " (printk time), only when the brackets hold a number. */
    private static int skipTimestamp(String line, int start) {
        if (start < line.length() && line.charAt(start) == '[') {
            int close = line.indexOf(']', start);
            if (close > start && isSeconds(line, start + 1, close)) {
                int next = close + 1;
                return next < line.length() && line.charAt(next) == ' ' ? next + 1 : next;
            }
        }
        return start;
    }

    private static boolean isSeconds(String line, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != ' ' && c != '.') {
                return false;
            }
        }
        return digit;
    }

    private static boolean allDigits(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
