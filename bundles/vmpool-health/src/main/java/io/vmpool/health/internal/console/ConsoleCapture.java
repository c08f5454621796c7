package io.vmpool.health.internal.console;

import java.util.List;

/**
 * One host's captured console (a service of each {@link ConsoleCollector}). Internal until the API has
 * a console type for the shell and REST (proposed: io.vmpool.api.health.ConsoleService).
 */
public interface ConsoleCapture {
    String host();

    /** The last {@code lines} lines of the spool, oldest first. */
    List<String> tail(int lines);
}
