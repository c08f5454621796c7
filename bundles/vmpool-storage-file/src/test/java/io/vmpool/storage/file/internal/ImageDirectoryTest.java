package io.vmpool.storage.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.storage.StorageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aCreateThatFailsHalfWayLeavesNoFile() {
        ImageDirectory dir = new ImageDirectory("file", tmp);
        Path file = dir.fileOf(new VolumeName("web1", "disk0"));

        // no file system takes a file this long: the file is created, then sizing it fails
        assertThatThrownBy(() -> dir.createSparse(file, Long.MAX_VALUE))
                .isInstanceOf(StorageException.class).hasMessageContaining("partial file removed");
        assertThat(file).doesNotExist();
        assertThat(dir.fileNames()).isEmpty();
    }

    @Test
    void filesStayInTheDirectory() {
        ImageDirectory dir = new ImageDirectory("file", tmp);
        assertThat(dir.fileOf(new VolumeName("web1", "disk0")).getParent()).isEqualTo(tmp);
    }
}
