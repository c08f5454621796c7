package io.vmpool.health.internal.console;

import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.MachineConsoleService;
import io.vmpool.health.internal.FrameworkProperties;
import io.vmpool.health.internal.collect.FileFollower;
import io.vmpool.health.internal.collect.StreamListener;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last part of every machine's serial console (docs/health.md, "Machine consoles"): each
 * poll lists the directory libvirt writes {@code <machine>-serial.log} into, follows every such file
 * as {@code tail -F} does (a rotation by virtlogd, a truncation, a file that goes and comes back) and
 * appends its lines to the machine's spool. A machine whose file is gone keeps its spool, so its last
 * words can still be read after it was deleted. Nothing here throws at a poll: a failure is logged once
 * per file and the poll goes on.
 */
@Component(service = MachineConsoleService.class, configurationPid = MachineConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MachineConsoleConfig.class)
public final class MachineConsoles implements MachineConsoleService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MachineConsoles.class);
    /** The machine names the core allows (MachineValidator): nothing else becomes a spool file name. */
    private static final Pattern MACHINE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private final MachineConsoleConfig config;
    private final Path directory;
    private final Path spoolDirectory;
    /** Touched only by the poll (one thread, or the test calling poll()). */
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final Map<String, ConsoleSpool> spools = new ConcurrentHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private ScheduledExecutorService poller;

    /** One machine's file and where its lines go. */
    private record Followed(FileFollower follower) {
    }

    @Activate
    public MachineConsoles(MachineConsoleConfig config, BundleContext context) {
        this(config, Path.of(FrameworkProperties.expand(config.spoolDirectory(), context::getProperty,
                "spoolDirectory in " + MachineConsoleConfig.PID)));
        if (!config.directory().isBlank()) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vmpool-machine-consoles");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, 0, config.pollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Polls only when {@link #poll} is called (tests). */
    MachineConsoles(MachineConsoleConfig config, Path spoolDirectory) {
        if (config.pollMillis() < 10 || config.keepKiB() < 1 || config.maxLineBytes() < 80) {
            throw new IllegalArgumentException("pollMillis (>= 10), keepKiB (>= 1) and maxLineBytes (>= 80) in "
                    + MachineConsoleConfig.PID + " were " + config.pollMillis() + ", " + config.keepKiB() + " and "
                    + config.maxLineBytes());
        }
        if (config.suffix().isBlank()) {
            throw new IllegalArgumentException("suffix in " + MachineConsoleConfig.PID + " must not be empty");
        }
        this.config = config;
        this.directory = config.directory().isBlank() ? null : Path.of(config.directory());
        this.spoolDirectory = spoolDirectory;
        restoreSpools();
    }

    @Override
    public List<String> machines() {
        return spools.keySet().stream().sorted().toList();
    }

    @Override
    public List<String> tail(String machine, int lines) {
        if (lines < 1) {
            throw new io.vmpool.api.InvalidRequestException("tail", ">= 1", "tail must be at least 1 line, was " + lines);
        }
        ConsoleSpool spool = spools.get(machine);
        if (spool == null) {
            throw new NotFoundException("no serial console is captured for machine " + machine + " (from "
                    + (directory == null ? "nowhere: directory is empty in " + MachineConsoleConfig.PID
                            : directory + "/" + machine + config.suffix()) + ")");
        }
        try {
            return spool.tail(lines);
        } catch (IOException e) {
            throw new io.vmpool.api.BackendException("health", "cannot read the console spool of machine " + machine
                    + ": " + e.getMessage(), e);
        }
    }

    /** Lists the directory, starts following new files, reads what is new in every file. */
    void poll() {
        if (directory == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + config.suffix())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String machine = name.substring(0, name.length() - config.suffix().length());
                if (MACHINE.matcher(machine).matches() && !followed.containsKey(machine)) {
                    follow(machine, file);
                }
            }
            failing.remove(directory.toString());
        } catch (IOException e) {
            if (failing.add(directory.toString())) {
                LOG.warn("machine consoles: cannot list {} ({}); trying again every {} ms", directory, e.getMessage(),
                        config.pollMillis());
            }
        }
        for (Map.Entry<String, Followed> f : followed.entrySet()) {
            try {
                f.getValue().follower().poll();
                spools.get(f.getKey()).flush();
                failing.remove(f.getKey());
            } catch (IOException | RuntimeException e) {
                if (failing.add(f.getKey())) {
                    LOG.warn("machine console of {}: {}; trying again", f.getKey(), e.getMessage());
                }
            }
        }
    }

    private void follow(String machine, Path file) {
        try {
            ConsoleSpool spool = spool(machine);
            // from the start: a machine's log is appended to across its restarts, and all of it is its own
            FileFollower follower = new FileFollower(file, config.maxLineBytes(), true, new StreamListener() {
                @Override
                public void line(String line) {
                    try {
                        spool.append(line);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void streamEnded(String why) {
                    LOG.debug("machine console of {}: {}", machine, why);
                }
            });
            followed.put(machine, new Followed(follower));
        } catch (IOException e) {
            if (failing.add(machine)) {
                LOG.warn("machine console of {}: cannot open its spool in {}: {}", machine, spoolDirectory, e.getMessage());
            }
        }
    }

    private ConsoleSpool spool(String machine) throws IOException {
        ConsoleSpool s = spools.get(machine);
        if (s == null) {
            s = new ConsoleSpool(spoolDirectory, machine, config.keepKiB() * 1024);
            spools.put(machine, s);
        }
        return s;
    }

    /** Spools left by an earlier run are readable at once, before their machine's file is seen again. */
    private void restoreSpools() {
        if (!Files.isDirectory(spoolDirectory)) {
            return;
        }
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDirectory, "*.log")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                found.add(name.substring(0, name.length() - ".log".length()));
            }
        } catch (IOException e) {
            LOG.warn("machine consoles: cannot list the spools in {}: {}", spoolDirectory, e.getMessage());
        }
        for (String machine : found) {
            if (MACHINE.matcher(machine).matches()) {
                try {
                    spool(machine);
                } catch (IOException e) {
                    LOG.warn("machine console of {}: cannot open its spool: {}", machine, e.getMessage());
                }
            }
        }
    }

    @Deactivate
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(config.pollMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Followed f : followed.values()) {
            try {
                f.follower().close();
            } catch (IOException e) {
                LOG.debug("closing a machine console: {}", e.getMessage());
            }
        }
        for (ConsoleSpool s : spools.values()) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a machine console spool: {}", e.getMessage());
            }
        }
    }
}
