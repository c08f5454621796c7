package io.vmpool.health.internal.mce;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDM's MCA error-code tables (Vol. 3B, "Simple Error Codes", "Compound Error Codes" and the
 * TT, LL, RRRR, PP, T, II, MMM and CCCC encodings), checked against the tables in mcelog's
 * p4.c and the kernel's drivers/edac/mce_amd.c; see docs/health.md for the differences.
 */
final class ErrorCodeTables {
    private static final String[] TT = {"instruction", "data", "generic", "reserved transaction type"};
    private static final String[] LL = {"level 0", "level 1", "level 2", "generic level"};
    private static final String[] RRRR = {"generic error", "generic read", "generic write", "data read",
        "data write", "instruction fetch", "prefetch", "eviction", "snoop"};
    private static final String[] PP = {"local processor originated the request",
        "local processor responded to the request", "local processor observed the error as a third party",
        "generic participation"};
    private static final String[] T = {"request did not time out", "request timed out"};
    private static final String[] II = {"memory access", "reserved", "I/O", "other transaction"};
    private static final String[] MMM = {"generic undefined request", "memory read error", "memory write error",
        "address/command error", "memory scrubbing error"};
    private static final int FILTER_BIT = 1 << 12;

    private ErrorCodeTables() {
    }

    static McaErrorCode decode(int raw) {
        McaErrorCode simple = simple(raw);
        if (simple != null) {
            return simple;
        }
        boolean filtered = (raw & FILTER_BIT) != 0;
        int code = raw & ~FILTER_BIT;
        List<CodeField> fields = new ArrayList<>();
        ErrorClass errorClass;
        if ((code & 0xeffc) == 0x000c) {
            errorClass = ErrorClass.GENERIC_CACHE_HIERARCHY;
            fields.add(field("LL", code & 3, LL));
        } else if ((code & 0xeff0) == 0x0010) {
            errorClass = ErrorClass.TLB;
            fields.add(field("TT", code >> 2 & 3, TT));
            fields.add(field("LL", code & 3, LL));
        } else if ((code & 0xef80) == 0x0080) {
            errorClass = ErrorClass.MEMORY_CONTROLLER;
            fields.add(field("MMM", code >> 4 & 7, MMM));
            int channel = code & 0xf;
            fields.add(new CodeField("CCCC", channel, channel == 0xf ? "channel not specified" : "channel " + channel));
        } else if ((code & 0xef00) == 0x0100) {
            errorClass = ErrorClass.CACHE_HIERARCHY;
            fields.add(field("RRRR", code >> 4 & 0xf, RRRR));
            fields.add(field("TT", code >> 2 & 3, TT));
            fields.add(field("LL", code & 3, LL));
        } else if ((code & 0xe800) == 0x0800) {
            errorClass = ErrorClass.BUS_INTERCONNECT;
            fields.add(field("PP", code >> 9 & 3, PP));
            fields.add(field("T", code >> 8 & 1, T));
            fields.add(field("RRRR", code >> 4 & 0xf, RRRR));
            fields.add(field("II", code >> 2 & 3, II));
            fields.add(field("LL", code & 3, LL));
        } else {
            return new McaErrorCode(raw, ErrorClass.UNKNOWN, false, List.of());
        }
        return new McaErrorCode(raw, errorClass, filtered, fields);
    }

    /** The simple codes, matched on all 16 bits (they have no filtering bit); null if not one. */
    private static McaErrorCode simple(int raw) {
        ErrorClass errorClass = switch (raw) {
            case 0x0000 -> ErrorClass.NO_ERROR;
            case 0x0001 -> ErrorClass.UNCLASSIFIED;
            case 0x0002 -> ErrorClass.MICROCODE_ROM_PARITY;
            case 0x0003 -> ErrorClass.EXTERNAL;
            case 0x0004 -> ErrorClass.FRC;
            case 0x0005 -> ErrorClass.INTERNAL_PARITY;
            case 0x0006 -> ErrorClass.SMM_HANDLER_CODE_ACCESS_VIOLATION;
            case 0x0400 -> ErrorClass.INTERNAL_TIMER;
            case 0x0e0b -> ErrorClass.IO;
            default -> (raw & 0xfc00) == 0x0400 ? ErrorClass.INTERNAL_UNCLASSIFIED : null;
        };
        return errorClass == null ? null : new McaErrorCode(raw, errorClass, false, List.of());
    }

    private static CodeField field(String name, int value, String[] table) {
        String words = value < table.length ? table[value] : "reserved " + name + " value " + Integer.toBinaryString(value);
        return new CodeField(name, value, words);
    }
}
