package io.batchplane.client.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.batchplane.api.v1.PatchType;
import io.batchplane.client.Await;
import io.batchplane.client.FakeResourcesServer;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.FakeClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared leader-elected life cycle, driven by a FakeClock against an in-process API server. */
class LeaderElectedRunnerTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final Duration RETRY = LeaderElectionConfig.DEFAULT_RETRY_PERIOD;
    private final FakeClock clock = new FakeClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger exits = new AtomicInteger();
    private FakeResourcesServer server;
    private ResourceClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeResourcesServer();
        client = server.client();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static LeaderElectionSettings settings(boolean enabled, String identity) {
        return new LeaderElectionSettings() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String leaseNamespace() {
                return "kube-system";
            }

            @Override
            public String leaseName() {
                return "demo-controller";
            }

            @Override
            public Optional<String> identity() {
                return Optional.ofNullable(identity);
            }

            @Override
            public Duration leaseDuration() {
                return LeaderElectionConfig.DEFAULT_LEASE_DURATION;
            }

            @Override
            public Duration renewDeadline() {
                return LeaderElectionConfig.DEFAULT_RENEW_DEADLINE;
            }

            @Override
            public Duration retryPeriod() {
                return RETRY;
            }
        };
    }

    private LeaderElectedRunner runner(String id, boolean enabled) {
        return new LeaderElectedRunner("demo", client, clock, settings(enabled, id), new LeaderElectedRunner.Work() {
            @Override
            public void start() {
                events.add(id + " start");
            }

            @Override
            public void stop() {
                events.add(id + " stop");
            }
        }, exits::incrementAndGet);
    }

    private void settle(int liveElectors) {
        Await.until(liveElectors + " parked electors", () -> clock.pendingTimers() == liveElectors);
    }

    private Lease lease() {
        return client.get(Lease.class, "kube-system", "demo-controller").await().atMost(T);
    }

    @Test
    void onlyTheLeaderWorksAndAnOrderlyStopHandsOverWithoutExiting() {
        LeaderElectedRunner a = runner("a", true);
        LeaderElectedRunner b = runner("b", true);
        a.start();
        settle(1);
        b.start();
        settle(2);
        Await.until("a started", () -> events.contains("a start"));
        assertTrue(a.isWorking());
        assertFalse(b.isWorking());
        assertEquals("a", lease().getSpec().getHolderIdentity());

        a.stop();
        assertFalse(a.isWorking());
        assertNull(lease().getSpec().getHolderIdentity(), "the Lease is released on an orderly stop");
        settle(1);
        clock.advance(RETRY);
        Await.until("b started", () -> events.contains("b start"));
        assertEquals(List.of("a start", "a stop", "b start"), events);
        assertEquals(0, exits.get(), "an orderly stop is not a lost Lease");
        b.stop();
    }

    @Test
    void losingTheLeaseStopsTheWorkThenExits() {
        LeaderElectedRunner a = runner("a", true);
        a.start();
        settle(1);
        Await.until("a started", () -> events.contains("a start"));
        client.patch(Lease.class, "kube-system", "demo-controller", PatchType.MERGE,
                "{\"spec\":{\"holderIdentity\":\"intruder\"}}").await().atMost(T);
        for (int s = 2; s < 10; s += 2) {
            clock.advance(RETRY);
            settle(1);
            assertTrue(a.isWorking(), "still within the renew deadline at " + s + "s");
        }
        clock.advance(RETRY);
        Await.until("exit requested", () -> exits.get() == 1);
        assertEquals(List.of("a start", "a stop"), events, "the work stops before the process exits");
        assertFalse(a.isWorking());
        a.stop();
        assertEquals(1, exits.get());
        assertEquals(List.of("a start", "a stop"), events, "stop after loss does not stop the work twice");
    }

    @Test
    void withElectionDisabledTheWorkStartsAtOnceAndNoLeaseIsWritten() {
        LeaderElectedRunner a = runner("a", false);
        a.start();
        Await.until("a started", () -> events.contains("a start"));
        assertEquals(0, clock.pendingTimers());
        ApiException missing = assertThrows(ApiException.class, this::lease);
        assertEquals(StatusReason.NOT_FOUND, missing.reason());
        a.stop();
        assertEquals(List.of("a start", "a stop"), events);
    }

    @Test
    void stopInterruptsABlockedStartAndWaitsForItBeforeStopping() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        LeaderElectedRunner a = new LeaderElectedRunner("demo", client, clock, settings(false, "a"),
                new LeaderElectedRunner.Work() {
                    @Override
                    public void start() {
                        blocked.countDown();
                        try {
                            Thread.sleep(60_000);
                            events.add("start finished");
                        } catch (InterruptedException e) {
                            events.add("start interrupted");
                        }
                    }

                    @Override
                    public void stop() {
                        events.add("stop");
                    }
                }, exits::incrementAndGet);
        a.start();
        blocked.await();
        a.stop();
        assertEquals(List.of("start interrupted", "stop"), events);
    }

    @Test
    void aStartThatFailsGivesUpLikeALostLease() {
        LeaderElectedRunner a = new LeaderElectedRunner("demo", client, clock, settings(false, "a"),
                new LeaderElectedRunner.Work() {
                    @Override
                    public void start() {
                        throw new IllegalStateException("cannot start");
                    }

                    @Override
                    public void stop() {
                        events.add("stop");
                    }
                }, exits::incrementAndGet);
        a.start();
        Await.until("exit requested", () -> exits.get() == 1);
    }

    @Test
    void identityIsConfiguredOrHostnameUnderscoreUuid() {
        assertEquals("given", settings(true, "given").resolveIdentity());
        String generated = settings(true, null).resolveIdentity();
        assertTrue(generated.matches(".+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), generated);
        assertFalse(generated.equals(settings(true, null).resolveIdentity()), "each process gets its own identity");
    }
}
