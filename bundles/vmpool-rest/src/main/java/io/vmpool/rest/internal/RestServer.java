package io.vmpool.rest.internal;

import io.vmpool.api.health.ConsoleService;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.health.MachineConsoleService;
import io.vmpool.api.host.HostAdmissionService;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.placement.PlacementService;
import io.vmpool.api.queue.WaitingListService;
import io.vmpool.api.storage.StorageService;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the REST API while a {@link MachineService} is there: builds the CXF server on activation
 * and destroys it, with its bus, on deactivation (a configuration change re-creates both).
 */
@Component(service = {}, immediate = true, configurationPid = RestConfiguration.PID)
@Designate(ocd = RestConfiguration.class)
public class RestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Bus bus;
    private final Server server;
    private volatile HostHealthService health;
    private volatile ConsoleService consoles;
    private volatile HostAdmissionService admission;
    private volatile MachineConsoleService machineConsoles;
    private volatile PlacementService placements;
    private volatile WaitingListService waitingList;
    private volatile EvacuationService evacuations;

    @Activate
    public RestServer(BundleContext context, @Reference MachineService machines, @Reference StorageService storage,
            RestConfiguration config) {
        RestSettings settings = RestSettings.of(config);
        ClassLoader bundleLoader = RestServer.class.getClassLoader();
        this.bus = RestBus.create(bundleLoader, context);
        try {
            this.server = new RestEndpointFactory(machines, storage, () -> health, () -> consoles, () -> admission, settings,
                    bundleLoader).withMachineConsoles(() -> machineConsoles)
                    .withPlacements(() -> placements).withWaitingList(() -> waitingList).withEvacuations(() -> evacuations).start(bus);
        } catch (RuntimeException e) {
            bus.shutdown(true);
            throw e;
        }
        LOG.info("vmpool REST API published at {} (CXF bus {}, JAAS realm {})",
                settings.address(), bus.getId(), settings.realm());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHealth(HostHealthService service) {
        this.health = service;
    }

    void unbindHealth(HostHealthService service) {
        if (this.health == service) {
            this.health = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConsoles(ConsoleService service) {
        this.consoles = service;
    }

    void unbindConsoles(ConsoleService service) {
        if (this.consoles == service) {
            this.consoles = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAdmission(HostAdmissionService service) {
        this.admission = service;
    }

    void unbindAdmission(HostAdmissionService service) {
        if (this.admission == service) {
            this.admission = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMachineConsoles(MachineConsoleService service) {
        this.machineConsoles = service;
    }

    void unbindMachineConsoles(MachineConsoleService service) {
        if (this.machineConsoles == service) {
            this.machineConsoles = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlacements(PlacementService service) {
        this.placements = service;
    }

    void unbindPlacements(PlacementService service) {
        if (this.placements == service) {
            this.placements = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWaitingList(WaitingListService service) {
        this.waitingList = service;
    }

    void unbindWaitingList(WaitingListService service) {
        if (this.waitingList == service) {
            this.waitingList = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEvacuations(EvacuationService service) {
        this.evacuations = service;
    }

    void unbindEvacuations(EvacuationService service) {
        if (this.evacuations == service) {
            this.evacuations = null;
        }
    }

    @Deactivate
    void deactivate() {
        try {
            server.destroy();
        } finally {
            bus.shutdown(true);
        }
        LOG.info("vmpool REST API withdrawn");
    }
}
