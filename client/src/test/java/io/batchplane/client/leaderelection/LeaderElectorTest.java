package io.batchplane.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.v1.PatchType;
import io.batchplane.client.Await;
import io.batchplane.client.FakeResourcesServer;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.FakeClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderElectorTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final Duration RETRY = LeaderElectionConfig.DEFAULT_RETRY_PERIOD;
    private final FakeClock clock = new FakeClock();
    private FakeResourcesServer server;
    private ResourceClient client;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeResourcesServer();
        client = server.client();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private LeaderElector elector(String id, boolean releaseOnStop) {
        LeaderElectionConfig cfg = new LeaderElectionConfig("kube-system", "job-controller", id,
                Duration.ofSeconds(15), Duration.ofSeconds(10), RETRY, releaseOnStop);
        return new LeaderElector(client, cfg, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                events.add(id + " started");
            }

            @Override
            public void onStoppedLeading() {
                events.add(id + " stopped");
            }
        }, clock);
    }

    /** Waits until every live elector has finished its round and parked its next one on the clock. */
    private void settle(int liveElectors) {
        Await.until(liveElectors + " parked electors", () -> clock.pendingTimers() == liveElectors);
    }

    private void tick(int liveElectors) {
        clock.advance(RETRY);
        settle(liveElectors);
    }

    private Lease lease() {
        return client.get(Lease.class, "kube-system", "job-controller").await().atMost(T);
    }

    @Test
    void exactlyOneOfTwoCandidatesLeadsAndKeepsRenewing() {
        LeaderElector a = elector("a", true);
        LeaderElector b = elector("b", true);
        a.start();
        b.start();
        settle(2);
        for (int i = 0; i < 10; i++) {
            assertTrue(a.isLeader() ^ b.isLeader(), "exactly one leader at round " + i);
            tick(2);
        }
        LeaderElector leader = a.isLeader() ? a : b;
        String id = leader == a ? "a" : "b";
        Lease lease = lease();
        assertEquals(id, lease.getSpec().getHolderIdentity());
        assertEquals(15, lease.getSpec().getLeaseDurationSeconds());
        assertEquals(0, lease.getSpec().getLeaseTransitions());
        assertEquals(clock.now(), lease.getSpec().getRenewTime().toInstant(), "renewed at the latest retry");
        assertTrue(lease.getSpec().getAcquireTime().toInstant().isBefore(lease.getSpec().getRenewTime().toInstant()),
                "renewals keep the acquire time");
        assertEquals(List.of(id + " started"), events);
        assertEquals(id, (leader == a ? b : a).observedLeader());
    }

    @Test
    void aCandidateTakesOverOnlyAfterTheLeaseExpires() {
        LeaderElector first = elector("a", false);
        first.start();
        settle(1);
        assertTrue(first.isLeader());
        LeaderElector second = elector("b", false);
        second.start();
        settle(2);
        tick(2);
        // The leader dies without releasing; its last renewal is now.
        first.stop().await().atMost(T);
        settle(1);
        for (int s = 2; s <= 14; s += 2) {
            tick(1);
            assertFalse(second.isLeader(), "lease still valid " + s + "s after the last renewal");
        }
        tick(1);
        tick(1);
        assertTrue(second.isLeader(), "took over within leaseDuration + 2 retries");
        Lease lease = lease();
        assertEquals("b", lease.getSpec().getHolderIdentity());
        assertEquals(1, lease.getSpec().getLeaseTransitions());
        assertEquals(List.of("a started", "a stopped", "b started"), events);
    }

    @Test
    void releaseOnStopHandsTheLeaseOverAtTheNextRetry() {
        LeaderElector first = elector("a", true);
        first.start();
        settle(1);
        LeaderElector second = elector("b", true);
        second.start();
        settle(2);
        first.stop().await().atMost(T);
        Lease released = lease();
        assertEquals(null, released.getSpec().getHolderIdentity());
        assertEquals(1, released.getSpec().getLeaseDurationSeconds());
        settle(1);
        tick(1);
        assertTrue(second.isLeader());
        assertEquals(List.of("a started", "a stopped", "b started"), events);
    }

    @Test
    void aLeaderThatCannotRenewWithinTheDeadlineStepsDown() {
        LeaderElector a = elector("a", true);
        a.start();
        settle(1);
        // Someone else overwrites the Lease: every renewal now fails (held by another, not expired).
        client.patch(Lease.class, "kube-system", "job-controller", PatchType.MERGE,
                "{\"spec\":{\"holderIdentity\":\"intruder\"}}").await().atMost(T);
        for (int s = 2; s < 10; s += 2) {
            tick(1);
            assertTrue(a.isLeader(), "still within the renew deadline at " + s + "s");
        }
        clock.advance(RETRY);
        Await.until("stepped down", () -> !a.isLeader());
        assertEquals(List.of("a started", "a stopped"), events);
        assertEquals(0, clock.pendingTimers(), "a deposed elector stops campaigning");
        assertNotEquals("a", lease().getSpec().getHolderIdentity());
    }

    @Test
    void configRejectsTimingsThatWouldAllowTwoLeaders() {
        assertThrows(IllegalArgumentException.class, () -> new LeaderElectionConfig("ns", "l", "a",
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2), true));
        assertThrows(IllegalArgumentException.class, () -> new LeaderElectionConfig("ns", "l", "a",
                Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2), true));
        LeaderElectionConfig d = LeaderElectionConfig.defaults("ns", "l", "a");
        assertEquals(Duration.ofSeconds(15), d.leaseDuration());
        assertEquals(Duration.ofSeconds(10), d.renewDeadline());
        assertEquals(Duration.ofSeconds(2), d.retryPeriod());
    }
}
