package io.batchplane.e2e.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * fabric8 with its default configuration opens watches as WebSockets first (kube-apiserver serves
 * watches over WebSocket as well as over chunked HTTP) and falls back to HTTP only when the
 * handshake is answered with 200 or 503. The API server once answered the upgrade with a chunked
 * 200 stream, on which the JDK client's handshake waited for ever; it now upgrades. This test
 * drives a default client's watch through ADDED and DELETED, bounded in time.
 */
class Fabric8WebSocketWatchIT {

    @Test
    void defaultClientWatchGetsEvents() throws Exception {
        try (Fabric8Server server = Fabric8Server.start("fabric8-websocket");
                KubernetesClient client = server.newClient(false)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ws").endMetadata().build())
                    .create();
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Watch watch = client.batch().v1().jobs().inNamespace("ws").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Job job) {
                        events.add(action + " " + job.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        events.add("CLOSED");
                    }
                })) {
                    client.batch().v1().jobs().inNamespace("ws").resource(Fabric8IT.job("ws", Map.of())).create();
                    assertEquals("ADDED ws", events.poll(10, TimeUnit.SECONDS));
                    client.batch().v1().jobs().inNamespace("ws").withName("ws").delete();
                    assertEquals("DELETED ws", events.poll(10, TimeUnit.SECONDS));
                }
            }, "a default fabric8 watch (WebSocket first) never returned");
        }
    }
}
