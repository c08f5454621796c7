package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.BackendException;
import io.vmpool.api.Event;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.host.HostFingerprint;
import io.vmpool.api.inventory.DuplicateNameException;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.inventory.PendingRequest;
import io.vmpool.api.inventory.UnmetDemand;
import io.vmpool.api.machine.MachineState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every database behind {@link JdbcInventoryStore} must do; subclasses name the database. */
abstract class InventoryStoreContract {
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456Z");
    private static final Instant UPDATED = Instant.parse("2024-05-02T11:00:00.000001Z");

    protected JdbcInventoryStore store;

    protected abstract TestDatabase database();

    @BeforeEach
    void openStore() {
        database().wipe();
        store = database().open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static MachineRecord machine(String name) {
        return new MachineRecord(name, "alice", MachineState.PROVISIONING, null, 2048, 2, 20, null,
                UUID.randomUUID(), CREATED, CREATED, null);
    }

    @Test
    void everyFieldRoundTrips() {
        MachineRecord full = new MachineRecord("web1", "bob", MachineState.RUNNING, "host1", 4096, 4, 40,
                "/var/lib/vmpool/disks/web1.qcow2", UUID.randomUUID(), CREATED, UPDATED, "started by bob");
        MachineRecord sparse = machine("db1");

        store.insert(full);
        store.insert(sparse);

        assertThat(store.find("web1")).contains(full);
        assertThat(store.find("db1")).contains(sparse);
        assertThat(store.find("db1").orElseThrow().host()).isNull();
        assertThat(store.find("db1").orElseThrow().volumeId()).isNull();
        assertThat(store.find("nothing")).isEmpty();
    }

    @Test
    void everyStateRoundTrips() {
        for (MachineState state : MachineState.values()) {
            MachineRecord m = machine("m-" + state.name().toLowerCase()).withState(state, "because " + state);
            store.insert(m);
            assertThat(store.find(m.name())).contains(truncated(m));
        }
    }

    @Test
    void instantsKeepMicrosecondsAndDropNanoseconds() {
        Instant withNanos = Instant.parse("2024-05-01T10:15:30.123456789Z");
        MachineRecord m = new MachineRecord("n1", "alice", MachineState.STOPPED, null, 1, 1, 1, null,
                UUID.randomUUID(), withNanos, withNanos, null);

        store.insert(m);

        MachineRecord read = store.find("n1").orElseThrow();
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
    }

    @Test
    void updateReplacesTheRecord() {
        MachineRecord m = machine("web1");
        store.insert(m);
        MachineRecord changed = new MachineRecord("web1", "carol", MachineState.STOPPED, "host2", 8192, 8, 80,
                "vol-9", UUID.randomUUID(), CREATED, UPDATED, "stopped by carol");

        store.update(changed);

        assertThat(store.find("web1")).contains(changed);
    }

    @Test
    void updateCanClearNullableFields() {
        MachineRecord placed = new MachineRecord("web1", "bob", MachineState.RUNNING, "host1", 1, 1, 1, "vol-1",
                UUID.randomUUID(), CREATED, CREATED, "running");
        store.insert(placed);
        MachineRecord cleared = new MachineRecord("web1", "bob", MachineState.UNKNOWN, null, 1, 1, 1, null,
                placed.uuid(), CREATED, UPDATED, null);

        store.update(cleared);

        assertThat(store.find("web1")).contains(cleared);
    }

    @Test
    void updateOfAMissingMachineIsNotFound() {
        assertThatThrownBy(() -> store.update(machine("ghost")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ghost");
        assertThat(store.machines()).isEmpty();
    }

    @Test
    void theFenceOnlyMovesForward() {
        store.insert(machine("fenced"));
        store.advanceFence("fenced", 5);
        store.advanceFence("fenced", 5);
        store.advanceFence("fenced", 9);
        assertThatThrownBy(() -> store.advanceFence("fenced", 7))
                .isInstanceOf(io.vmpool.api.lock.StaleTokenException.class)
                .hasMessageContaining("fencing token 9, newer than 7");
        assertThatThrownBy(() -> store.advanceFence("nobody", 1)).isInstanceOf(io.vmpool.api.NotFoundException.class);
    }

    @Test
    void deleteSaysWhetherARowWent() {
        store.insert(machine("web1"));

        assertThat(store.delete("web1")).isTrue();
        assertThat(store.delete("web1")).isFalse();
        assertThat(store.find("web1")).isEmpty();
    }

    @Test
    void machinesAreOrderedByName() {
        for (String name : List.of("web1", "a", "web-1", "Zeta", "db10", "db2")) {
            store.insert(machine(name));
        }

        assertThat(store.machines()).extracting(MachineRecord::name)
                .containsExactly("Zeta", "a", "db10", "db2", "web-1", "web1");
    }

    @Test
    void aDuplicateNameIsRefused() {
        MachineRecord first = machine("web1");
        store.insert(first);

        assertThatThrownBy(() -> store.insert(machine("web1")))
                .isInstanceOf(DuplicateNameException.class)
                .hasMessageContaining("web1");
        assertThat(store.find("web1")).contains(first);
    }

    @Test
    @Timeout(60)
    void concurrentInsertsOfOneNameGiveExactlyOneSuccess() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                MachineRecord candidate = machine("contested").withHost("host" + i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.insert(candidate);
                        return "inserted " + candidate.host();
                    } catch (DuplicateNameException e) {
                        return "duplicate";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(r -> r.startsWith("inserted")).hasSize(1);
            assertThat(results).filteredOn("duplicate"::equals).hasSize(threads - 1);
            String winner = results.stream().filter(r -> r.startsWith("inserted")).findFirst().orElseThrow();
            assertThat(store.find("contested").orElseThrow().host()).isEqualTo(winner.substring("inserted ".length()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsComeNewestFirstPerSubjectUpToTheLimit() {
        Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
        store.record(new Event(t0.plusSeconds(2), "machine:web1", "machine.started", "bob", "started"));
        store.record(new Event(t0, "machine:web1", "machine.created", "alice", "created"));
        store.record(new Event(t0.plusSeconds(1), "machine:db1", "machine.created", "alice", "other subject"));
        store.record(new Event(t0.plusSeconds(3), "machine:web1", "machine.stopped", null, "stopped by reconciler"));

        assertThat(store.events("machine:web1", 10)).extracting(Event::type)
                .containsExactly("machine.stopped", "machine.started", "machine.created");
        assertThat(store.events("machine:web1", 2)).extracting(Event::type)
                .containsExactly("machine.stopped", "machine.started");
        assertThat(store.events("machine:web1", 1).get(0))
                .isEqualTo(new Event(t0.plusSeconds(3), "machine:web1", "machine.stopped", null,
                        "stopped by reconciler"));
        assertThat(store.events("machine:web1", 0)).isEmpty();
        assertThat(store.events("machine:none", 5)).isEmpty();
    }

    @Test
    void eventsAtTheSameInstantComeLastRecordedFirst() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.record(new Event(t, "host:host1", "host.seen", "reconciler", "seen " + i));
        }

        assertThat(store.events("host:host1", 3)).extracting(Event::message)
                .containsExactly("seen 4", "seen 3", "seen 2");
    }

    @Test
    void subjectsWithEventsOfATypeComeOnceEachByName() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        store.record(new Event(t, "host:host2", "host.state", "vmpool-health", "none -> HEALTHY: first heard"));
        store.record(new Event(t, "host:host1", "host.state", "vmpool-health", "none -> PROBATION: admitted"));
        store.record(new Event(t.plusSeconds(1), "host:host2", "host.state", "vmpool-health", "HEALTHY -> FAILED: panic"));
        store.record(new Event(t, "host:host3", "alert", "vmpool-health", "PANIC on host3"));
        store.record(new Event(t, "machine:web1", "machine.created", "alice", "created"));

        assertThat(store.subjectsWithEvents("host.state")).containsExactly("host:host1", "host:host2");
        assertThat(store.subjectsWithEvents("alert")).containsExactly("host:host3");
        assertThat(store.subjectsWithEvents("no.such.type")).isEmpty();
        assertThatThrownBy(() -> store.subjectsWithEvents(" ")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("event type is required");
    }

    @Test
    void aNegativeEventLimitIsRefused() {
        assertThatThrownBy(() -> store.events("machine:web1", -1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        MachineRecord m = new MachineRecord("web1", "bob", MachineState.RUNNING, "host1", 4096, 4, 40, "vol-1",
                UUID.randomUUID(), CREATED, UPDATED, "running");
        store.insert(m);
        Event e = new Event(CREATED, "machine:web1", "machine.created", "bob", "created");
        store.record(e);
        store.close();

        store = database().open();

        assertThat(store.find("web1")).contains(m);
        assertThat(store.events("machine:web1", 10)).containsExactly(e);
    }

    @Test
    void reopeningDoesNotRerunMigrations() {
        store.insert(machine("web1"));
        String before = appliedMigrations();
        store.close();

        store = database().open();

        assertThat(appliedMigrations()).isEqualTo(before);
        assertThat(store.machines()).extracting(MachineRecord::name).containsExactly("web1");
    }

    @Test
    void aDriverFailureIsABackendExceptionWithTheDriversWords() {
        MachineRecord tooLong = machine("web1").withState(MachineState.UNKNOWN, "x".repeat(8001));

        assertThatThrownBy(() -> store.insert(tooLong))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.backend()).isEqualTo("inventory"))
                .hasMessageStartingWith("cannot insert machine 'web1': ")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void aClosedStoreFailsAsABackendException() {
        store.close();

        assertThatThrownBy(() -> store.machines())
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("cannot list machines: ");
        store = database().open();
    }

    @Test
    void aFingerprintIsReplacedAsAWholeAndKeptPerHost() {
        HostFingerprint first = HostFingerprint.of("host1", CREATED, Map.of("bios.version", "2.0b",
                "memory.P1-DIMMA1.speed", "1600 MT/s", "setting.8-DIMM Drive Strength", "Auto"));
        HostFingerprint other = HostFingerprint.of("host2", CREATED, Map.of("bios.version", "3.0a"));
        store.putFingerprint(first);
        store.putFingerprint(other);

        assertThat(store.fingerprint("host1")).contains(HostFingerprint.of("host1",
                DbInstants.fromDb(DbInstants.toDb(CREATED)), first.facts()));
        HostFingerprint second = HostFingerprint.of("host1", UPDATED, Map.of("bios.version", "2.1"));
        store.putFingerprint(second);
        // the fact host1 no longer has is gone with the old fingerprint; host2's is untouched
        assertThat(store.fingerprint("host1").orElseThrow().facts()).containsExactlyEntriesOf(second.facts());
        assertThat(store.fingerprint("host1").orElseThrow().takenAt()).isEqualTo(DbInstants.fromDb(DbInstants.toDb(UPDATED)));
        assertThat(store.fingerprint("host2").orElseThrow().facts()).containsExactlyEntriesOf(other.facts());
        assertThat(store.fingerprint("host3")).isEmpty();
    }

    @Test
    void aFactTooLongForTheTableIsRefusedAndTheOldFingerprintStays() {
        HostFingerprint kept = HostFingerprint.of("host1", CREATED, Map.of("bios.version", "2.0b"));
        store.putFingerprint(kept);
        HostFingerprint tooLong = HostFingerprint.of("host1", UPDATED, Map.of("bios.version", "2.1",
                "setting.notes", "x".repeat(FingerprintTable.MAX_VALUE + 1)));

        assertThatThrownBy(() -> store.putFingerprint(tooLong)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("setting.notes is 4001 characters long; the inventory keeps at most 4000");
        assertThat(store.fingerprint("host1").orElseThrow().facts()).containsExactlyEntriesOf(kept.facts());
    }

    static PendingRequest pending(String id, String name, Instant queuedAt) {
        return new PendingRequest(id, "alice", name, 4096, 2, 20, null, queuedAt, queuedAt.plusSeconds(3600),
                "no host can take 4,096 MiB");
    }

    @Test
    void theWaitingListIsFirstInFirstOutAndEveryFieldRoundTrips() {
        PendingRequest first = new PendingRequest("r1", "bob", "big1", 16384, 4, 100, "scratch", CREATED,
                UPDATED, "no host can take 16,384 MiB");
        PendingRequest second = pending("r2", "small1", UPDATED);
        PendingRequest sameInstant = pending("r3", "small2", UPDATED);
        store.enqueue(second);
        store.enqueue(first);
        store.enqueue(sameInstant);

        assertThat(store.pending()).extracting(PendingRequest::id).containsExactly("r1", "r2", "r3");
        PendingRequest read = store.pending().get(0);
        assertThat(read).isEqualTo(new PendingRequest("r1", "bob", "big1", 16384, 4, 100, "scratch",
                DbInstants.fromDb(DbInstants.toDb(CREATED)), DbInstants.fromDb(DbInstants.toDb(UPDATED)),
                "no host can take 16,384 MiB"));
        assertThat(store.pending().get(1).pool()).isNull();
    }

    @Test
    void aMachineNameWaitsOnlyOnceAndTheListIsUnchangedByTheRefusal() {
        store.enqueue(pending("r1", "web1", CREATED));

        assertThatThrownBy(() -> store.enqueue(pending("r2", "web1", UPDATED)))
                .isInstanceOf(DuplicateNameException.class).hasMessageContaining("web1");
        assertThatThrownBy(() -> store.enqueue(pending("r1", "web2", UPDATED)))
                .isInstanceOf(DuplicateNameException.class).hasMessageContaining("r1");
        assertThat(store.pending()).extracting(PendingRequest::id).containsExactly("r1");
    }

    @Test
    void dequeueSaysWhetherARequestWent() {
        store.enqueue(pending("r1", "web1", CREATED));

        assertThat(store.dequeue("r1")).isTrue();
        assertThat(store.dequeue("r1")).isFalse();
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void theWaitingListSurvivesCloseAndReopen() {
        store.enqueue(pending("r1", "web1", CREATED));
        store.enqueue(pending("r2", "web2", UPDATED));
        store.close();
        store = database().open();

        assertThat(store.pending()).extracting(PendingRequest::id).containsExactly("r1", "r2");
    }

    @Test
    void unmetDemandIsReadByWindowOldestFirst() {
        Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
        store.recordDemand(new UnmetDemand(t0, "alice", "web1", 4096, 1024));
        store.recordDemand(new UnmetDemand(t0.plusSeconds(60), "bob", "db1", 8192, 0));
        store.recordDemand(new UnmetDemand(t0.plusSeconds(120), "alice", "web2", 2048, 512));

        assertThat(store.demandSince(t0)).extracting(UnmetDemand::machine).containsExactly("db1", "web2");
        assertThat(store.demandSince(t0.minusSeconds(1))).hasSize(3).first()
                .isEqualTo(new UnmetDemand(t0, "alice", "web1", 4096, 1024));
        assertThat(store.demandSince(t0.plusSeconds(120))).isEmpty();
    }

    /** version:checksum:applied_at of every applied migration, to compare before and after a restart. */
    private String appliedMigrations() {
        try (ConnectionPool pool = database().pool();
             Connection c = pool.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT version, checksum, applied_at FROM schema_version ORDER BY version");
             ResultSet rs = s.executeQuery()) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getInt(1)).append(':').append(rs.getString(2)).append(':')
                        .append(rs.getObject(3, OffsetDateTime.class).toInstant()).append('\n');
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as read back: instants truncated to the microseconds the database keeps. */
    private static MachineRecord truncated(MachineRecord m) {
        return new MachineRecord(m.name(), m.owner(), m.state(), m.host(), m.memoryMiB(), m.vcpus(), m.diskGiB(),
                m.volumeId(), m.uuid(), DbInstants.fromDb(DbInstants.toDb(m.createdAt())),
                DbInstants.fromDb(DbInstants.toDb(m.updatedAt())), m.stateReason());
    }
}
