package io.vmpool.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThePasswordOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path file = dir.resolve("data/vmpool/initial-admin-password");

        new PasswordFile(file).write("s3cret-Password_1");

        assertThat(Files.readString(file)).isEqualTo("s3cret-Password_1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void replacesAWorldReadableLeftoverByANewOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("initial-admin-password");
        Files.writeString(file, "old password that is much longer than the new one\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new PasswordFile(file).write("new");

        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replacesASymlinkInsteadOfWritingThroughIt() throws Exception {
        Path target = dir.resolve("elsewhere");
        Files.writeString(target, "untouched");
        Path file = dir.resolve("initial-admin-password");
        Files.createSymbolicLink(file, target);

        new PasswordFile(file).write("pw");

        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("pw\n");
        assertThat(Files.readString(target)).isEqualTo("untouched");
    }

    @Test
    void aPendingPasswordIsNotWhereReadersLookUntilItIsPublished() throws Exception {
        Path file = dir.resolve("initial-admin-password");
        Files.writeString(file, "earlier\n");
        PasswordFile f = new PasswordFile(file);

        f.writePending("fresh");
        assertThat(Files.readString(file)).isEqualTo("earlier\n");
        assertThat(Files.readString(f.pending())).isEqualTo("fresh\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.pending()))).isEqualTo("rw-------");

        f.publish();
        assertThat(Files.readString(file)).isEqualTo("fresh\n");
        assertThat(f.pending()).doesNotExist();
    }
}
