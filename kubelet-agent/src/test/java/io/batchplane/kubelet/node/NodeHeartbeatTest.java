package io.batchplane.kubelet.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.clock.FakeClock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeHeartbeatTest {

    static final NodeSpecification SPEC = new NodeSpecification("n1", "4", "8Gi", 110, Map.of("pool", "sim"), "linux", "amd64");

    final FakeClock clock = new FakeClock();
    final List<Instant> renewals = new ArrayList<>();
    final List<Instant> statusWrites = new ArrayList<>();
    Node node;
    Lease lease;
    boolean apiDown;

    final NodeApi api = new NodeApi() {
        void check() {
            if (apiDown) {
                throw ApiException.internal("unavailable");
            }
        }

        @Override
        public Node getNode(String name) {
            check();
            if (node == null) {
                throw ApiException.notFound(ResourceType.NODES, name);
            }
            return node;
        }

        @Override
        public Node createNode(Node n) {
            check();
            if (node != null) {
                throw ApiException.alreadyExists(ResourceType.NODES, n.getMetadata().getName());
            }
            node = new NodeBuilder(n).editMetadata().withUid("node-uid").endMetadata().build();
            return node;
        }

        @Override
        public Node updateNodeStatus(Node n) {
            check();
            statusWrites.add(clock.now());
            node = n;
            return n;
        }

        @Override
        public Lease getLease(String namespace, String name) {
            check();
            if (lease == null) {
                throw ApiException.notFound(ResourceType.LEASES, name);
            }
            return lease;
        }

        @Override
        public Lease createLease(Lease l) {
            check();
            renewals.add(clock.now());
            lease = l;
            return l;
        }

        @Override
        public Lease updateLease(Lease l) {
            check();
            renewals.add(clock.now());
            lease = l;
            return l;
        }
    };

    NodeHeartbeat heartbeat() {
        return new NodeHeartbeat(api, SPEC, clock, Runnable::run, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    Instant at(long millis) {
        return Instant.parse("2024-01-01T00:00:00Z").plusMillis(millis);
    }

    @Test
    void registersWithLabelsAndCapacityThenRenewsEveryTenSeconds() {
        heartbeat().start();
        assertEquals(Map.of("pool", "sim", "kubernetes.io/hostname", "n1", "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"),
                node.getMetadata().getLabels());
        assertEquals("110", node.getStatus().getAllocatable().get("pods").getAmount());
        assertEquals("4", node.getStatus().getCapacity().get("cpu").getAmount());
        assertEquals("True", node.getStatus().getConditions().get(0).getStatus());
        assertEquals("InternalIP=127.0.0.1 Hostname=n1", node.getStatus().getAddresses().stream()
                .map(a -> a.getType() + "=" + a.getAddress()).collect(java.util.stream.Collectors.joining(" ")));
        assertEquals(10250, node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort());
        assertEquals("kube-node-lease", lease.getMetadata().getNamespace());
        assertEquals(40, lease.getSpec().getLeaseDurationSeconds());
        assertEquals("n1", lease.getSpec().getHolderIdentity());
        assertEquals("node-uid", lease.getMetadata().getOwnerReferences().get(0).getUid());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(at(0), at(10_000), at(20_000), at(30_000)), renewals);
    }

    @Test
    void failedRenewalsBackOffFrom200msDoublingTo7s() {
        heartbeat().start();
        renewals.clear();
        apiDown = true;
        clock.advance(Duration.ofSeconds(10));
        // Failed at 10 s; retries at +0.2, +0.4, +0.8, +1.6, +3.2, +6.4, +7, +7 ...
        clock.advance(Duration.ofMillis(200 + 400 + 800 + 1600 + 3200 + 6400 + 7000));
        apiDown = false;
        clock.advance(Duration.ofSeconds(7));
        long[] expected = {10_000 + 200 + 400 + 800 + 1600 + 3200 + 6400 + 7000 + 7000};
        assertEquals(List.of(at(expected[0])), renewals);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(at(expected[0]), at(expected[0] + 10_000)), renewals);
        assertEquals(Duration.ofMillis(200), NodeHeartbeat.retryDelay(1));
        assertEquals(Duration.ofMillis(6400), NodeHeartbeat.retryDelay(6));
        assertEquals(Duration.ofSeconds(7), NodeHeartbeat.retryDelay(7));
    }

    @Test
    void statusIsReportedWhenReadyWasLostAndOtherwiseEveryReportPeriod() {
        heartbeat().start();
        assertEquals(List.of(at(0)), statusWrites);
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(at(0)), statusWrites);
        // The node lifecycle controller marked the node Unknown: the next status round restores Ready.
        node = new NodeBuilder(node).editStatus().withConditions(node.getStatus().getConditions().stream()
                .map(c -> new io.fabric8.kubernetes.api.model.NodeConditionBuilder(c).withStatus("Unknown").withReason("NodeStatusUnknown")
                        .build()).toList()).endStatus().build();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(at(0), at(70_000)), statusWrites);
        assertEquals("True", node.getStatus().getConditions().get(0).getStatus());
        assertEquals("KubeletReady", node.getStatus().getConditions().get(0).getReason());
        assertEquals(List.of("Ready=True", "MemoryPressure=False", "DiskPressure=False", "PIDPressure=False"),
                node.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(at(370_000), statusWrites.get(statusWrites.size() - 1));
    }

    @Test
    void adoptsAnExistingNodeAndRecreatesADeletedOne() {
        api.createNode(NodeStatusRules.registration(SPEC, clock.now()));
        heartbeat().start();
        assertTrue(lease != null);
        node = null;
        clock.advance(Duration.ofSeconds(10));
        assertEquals("n1", node.getMetadata().getName());
    }
}
