package io.vmpool.security.internal;

import java.security.SecureRandom;

/** Random passwords from {@link SecureRandom} over the URL-safe alphabet {@code A-Z a-z 0-9 - _} (6 bits per character). */
final class PasswordGenerator {
    /** Below 96 bits a generated admin password is too weak to hand out. */
    static final int MIN_LENGTH = 16;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private final SecureRandom random;

    PasswordGenerator(SecureRandom random) {
        this.random = random;
    }

    String generate(int length) {
        checkLength(length);
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }

    static void checkLength(int length) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("passwordLength must be at least " + MIN_LENGTH + " (" + MIN_LENGTH * 6
                    + " bits), is " + length + "; set it in " + SecurityConfiguration.PID);
        }
    }
}
