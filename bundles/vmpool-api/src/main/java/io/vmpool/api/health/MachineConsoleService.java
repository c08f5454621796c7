package io.vmpool.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The machines' captured serial consoles: what libvirt appends to each machine's serial log (the core's
 * {@code consoleLogDirectory}), the last configured part of each kept on disk, for {@code vm:console} and
 * REST. Implemented by vmpool-health; the front doors check who may see which machine. @since 1.1
 */
@ProviderType
public interface MachineConsoleService {

    /** The machines whose serial consoles are captured, by name. */
    List<String> machines();

    /**
     * The last {@code lines} lines of the machine's serial console, oldest first;
     * {@link io.vmpool.api.NotFoundException} when nothing is captured for it.
     */
    List<String> tail(String machine, int lines);
}
