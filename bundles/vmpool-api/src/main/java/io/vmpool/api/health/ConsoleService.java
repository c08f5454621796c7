package io.vmpool.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hosts' captured serial consoles (the last configured MiB of each, on disk), for
 * {@code host:console <host> --tail N} and REST. Implemented by vmpool-health.
 */
@ProviderType
public interface ConsoleService {

    /** The hosts whose consoles are captured, by name. */
    List<String> hosts();

    /**
     * The last {@code lines} lines of the host's console, oldest first;
     * {@link io.vmpool.api.NotFoundException} when none is captured for it (naming those that are).
     */
    List<String> tail(String host, int lines);
}
