package io.vmpool.inventory.jdbc.internal;

import java.nio.file.Path;
import java.util.Map;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;

/** An H2 file database in a test's temporary folder, through H2's own OSGi DataSourceFactory. */
final class H2Database implements TestDatabase {
    private final Path folder;

    H2Database(Path folder) {
        this.folder = folder;
    }

    String url() {
        return "jdbc:h2:file:" + folder.resolve("inventory").toAbsolutePath();
    }

    @Override
    public DataSourceFactory factory() {
        return new OsgiDataSourceFactory(Driver.load());
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("url", url());
    }

    @Override
    public void wipe() {
        // every test has a fresh folder
    }
}
