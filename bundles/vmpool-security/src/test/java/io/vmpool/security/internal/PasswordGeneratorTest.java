package io.vmpool.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {
    private final PasswordGenerator generator = new PasswordGenerator(new SecureRandom());

    @Test
    void hasTheRequestedLengthAndOnlyUrlSafeCharacters() {
        for (int length : new int[] {16, 24, 100, 256}) {
            assertThat(generator.generate(length)).hasSize(length).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void usesTheWholeAlphabetAndDoesNotRepeat() {
        Set<Character> seen = new HashSet<>();
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = generator.generate(24);
            passwords.add(password);
            password.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(passwords).hasSize(200);
        assertThat(seen).hasSize(64);
    }

    @Test
    void refusesWeakLengthsNamingTheOption() {
        assertThatThrownBy(() -> generator.generate(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passwordLength must be at least 16")
                .hasMessageContaining("io.vmpool.security");
        assertThat(generator.generate(4096)).hasSize(4096);
    }
}
