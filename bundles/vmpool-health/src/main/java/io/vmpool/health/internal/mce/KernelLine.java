package io.vmpool.health.internal.mce;

/**
 * A kernel log line without what syslog, the journal, dmesg or printk put in front of the
 * message: "Dec  1 20:28:51 host kernel: ", "&lt;4&gt;", "[    5.779374] ". Also drops the kernel's
 * "mce: " and "[Hardware Error]: " prefixes, remembering that they were there.
 */
record KernelLine(String body, boolean mce, boolean hardwareError) {
    private static final String KERNEL_TAG = "kernel: ";
    private static final String MCE = "mce: ";
    private static final String HW_ERR = "[Hardware Error]: ";

    static KernelLine of(String line) {
        int start = 0;
        int tag = line.indexOf(KERNEL_TAG);
        if (tag >= 0) {
            start = tag + KERNEL_TAG.length();
        }
        start = skipPriority(line, start);
        start = skipTimestamp(line, start);
        boolean mce = line.startsWith(MCE, start);
        if (mce) {
            start += MCE.length();
        }
        boolean hwErr = line.startsWith(HW_ERR, start);
        if (hwErr) {
            start += HW_ERR.length();
        }
        int end = line.length();
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return new KernelLine(line.substring(start, end), mce, hwErr);
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
