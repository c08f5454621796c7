package io.vmpool.hypervisor.libvirt.internal;

/** Refuses text that XML 1.0 cannot carry, with a message naming the field and the character. */
final class XmlText {

    private XmlText() {
    }

    /**
     * Returns {@code value} when every character may appear in an XML 1.0 document. Most control
     * characters may not, not even as character references: libvirt would refuse the document with a
     * parser error that names neither the field nor the character.
     */
    static String checked(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("domain " + what + " is missing");
        }
        int index = 0;
        for (int cp : value.codePoints().toArray()) {
            if (!allowed(cp)) {
                throw new IllegalArgumentException(String.format(
                        "domain %s contains U+%04X at index %d, which XML cannot carry", what, cp, index));
            }
            index += Character.charCount(cp);
        }
        return value;
    }

    private static boolean allowed(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r'
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
