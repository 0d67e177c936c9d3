package io.batchplane.kubelet;

import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.informer.WatchBackoff;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.batchplane.kubelet.node.ClientNodeApi;
import io.batchplane.kubelet.node.NodeHeartbeat;
import io.batchplane.kubelet.node.NodeSpecification;
import io.batchplane.kubelet.runtime.ClientPodApi;
import io.batchplane.kubelet.runtime.PodRuntime;
import io.batchplane.kubelet.runtime.PodWorker;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Everything one node runs: its heartbeat ({@link NodeHeartbeat}) and its pods ({@link PodWorker}
 * fed by an informer over {@code spec.nodeName=<node>}; a pod only ever enters that selection, so the
 * filtered watch is exact), all through a client authenticated as this node.
 */
final class NodeAgent {

    private final NodeSpecification spec;
    private final ExecutorService heartbeatThread;
    private final NodeHeartbeat heartbeat;
    private final SharedInformer<Pod> pods;
    private final PodWorker worker;
    private final int workers;

    NodeAgent(NodeSpecification spec, ResourceClient client, Clock clock, KubeletConfig config, PodRuntime runtime) {
        this.spec = spec;
        this.workers = config.podWorkers();
        heartbeatThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        heartbeat = new NodeHeartbeat(new ClientNodeApi(client), spec, clock, heartbeatThread, config.leaseRenewInterval(),
                config.statusUpdateInterval(), config.statusReportPeriod());
        pods = new SharedInformer<>(client, Pod.class, ListOptions.all().withFieldSelector("spec.nodeName=" + spec.name()),
                Duration.ZERO, clock, WatchBackoff.DEFAULT);
        worker = new PodWorker(pods.indexer(), new RateLimitingQueue<>(clock), new ClientPodApi(client), clock, runtime);
        pods.addEventHandler(worker.handler());
    }

    String name() {
        return spec.name();
    }

    void start() {
        heartbeat.start();
        pods.start();
        worker.start(workers);
    }

    void stop() {
        worker.stop();
        pods.stop();
        heartbeat.stop();
        heartbeatThread.shutdownNow();
    }
}
