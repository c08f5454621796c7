package io.vmpool.rest.internal;

import io.vmpool.api.Event;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.Submission;
import io.vmpool.api.queue.WaitingListService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A waiting list in memory over the test's machine service: keeps what it refuses for capacity; the door's view of it. */
final class InMemoryWaitingList implements WaitingListService {
    private final MachineService machines;
    private final List<QueuedRequest> waiting = new ArrayList<>();

    InMemoryWaitingList(MachineService machines) {
        this.machines = machines;
    }

    @Override
    public synchronized Submission submit(MachineSpec spec, Caller caller) {
        try {
            return Submission.created(machines.create(spec, caller));
        } catch (NoCapacityException e) {
            String owner = spec.owner() == null ? caller.name() : spec.owner();
            Instant now = Instant.now();
            QueuedRequest q = new QueuedRequest("r" + (waiting.size() + 1), waiting.size() + 1, owner, spec, now,
                    now.plusSeconds(3600), e.getMessage());
            waiting.add(q);
            return Submission.queued(q);
        }
    }

    @Override
    public synchronized List<QueuedRequest> list(Caller caller) {
        boolean admin = machines.isAdministrator(caller);
        return waiting.stream().filter(q -> admin || q.owner().equals(caller.name())).toList();
    }

    @Override
    public synchronized QueuedRequest cancel(String id, Caller caller) {
        QueuedRequest q = list(caller).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no waiting request " + id));
        waiting.remove(q);
        return q;
    }

    @Override
    public List<Event> events(String owner, Caller caller, int limit) {
        return new ArrayList<>();
    }
}
