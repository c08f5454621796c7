package io.vmpool.rest.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.HostCapacity;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import java.util.List;

/**
 * Test fixture keeping the PlacementService contract for the door's tests: one host with a fixed free memory,
 * sizes must be positive (the core's rule), capacity for vmpool-admin. Remembers the last request.
 */
final class OneHostPlacementService implements PlacementService {
    private final long freeMiB;
    volatile PlacementRequest last;

    OneHostPlacementService(long freeMiB) {
        this.freeMiB = freeMiB;
    }

    @Override
    public PlacementDecision place(PlacementRequest request, Caller caller) {
        check(request);
        boolean fits = request.memoryMiB() <= freeMiB;
        List<FilterFailure> failed = fits ? List.of() : List.of(new FilterFailure("memory", "needs "
                + request.memoryMiB() + " MiB, has " + freeMiB + " MiB free"));
        HostAssessment h = new HostAssessment("host1", "HEALTHY", freeMiB, 0, 0, freeMiB, 0, failed,
                fits ? freeMiB - request.memoryMiB() : null);
        return new PlacementDecision(request, fits ? "host1" : null, "most-free", 0, List.of(h),
                fits ? 0 : request.memoryMiB() - freeMiB, fits ? "host1" : "no host");
    }

    @Override
    public CapacityReport capacity(PlacementRequest size, Caller caller) {
        if (!caller.hasRole("vmpool-admin")) {
            throw new ForbiddenException("pool capacity is for administrators (role vmpool-admin)");
        }
        PlacementRequest s = new PlacementRequest(size.memoryMiB() == 0 ? 1024 : size.memoryMiB(),
                size.vcpus() == 0 ? 1 : size.vcpus(), size.diskGiB() == 0 ? 10 : size.diskGiB());
        check(s);
        int fits = (int) (freeMiB / s.memoryMiB());
        return new CapacityReport(s, 1, List.of(new HostCapacity("host1", "HEALTHY", freeMiB, fits, 0)), fits, 0, "fits");
    }

    private void check(PlacementRequest request) {
        last = request;
        if (request.memoryMiB() <= 0) {
            throw new InvalidRequestException("memoryMiB", "> 0", "memoryMiB must be positive, was " + request.memoryMiB());
        }
    }
}
