package io.vmpool.health.internal.mce;

/** Unsigned 64-bit hex numbers with or without "0x", as every machine-check source prints them. */
final class Hex {
    private Hex() {
    }

    static long parse(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 16) {
            throw new NumberFormatException("not a 64-bit hex number: '" + text + "'");
        }
        return Long.parseUnsignedLong(digits, 16);
    }
}
