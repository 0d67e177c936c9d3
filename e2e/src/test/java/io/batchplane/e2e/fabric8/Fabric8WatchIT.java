package io.batchplane.e2e.fabric8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fabric8's watch and informer machinery against a packaged API server: a job watch sees ADDED,
 * MODIFIED and DELETED in order with rising resourceVersions, and a pod {@link SharedIndexInformer}
 * running while several threads churn pods (create, relabel, delete) ends up with exactly the
 * names and resourceVersions a fresh list returns.
 */
class Fabric8WatchIT {

    private static Fabric8Server server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        server = Fabric8Server.start("fabric8-watch");
        client = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jobWatchDeliversAddedModifiedDeletedInOrder() throws Exception {
        String ns = namespace("f8-watch");
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        List<Long> versions = new ArrayList<>();
        try (Watch watch = client.batch().v1().jobs().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                synchronized (versions) {
                    versions.add(Long.parseLong(job.getMetadata().getResourceVersion()));
                }
                events.add(action + " " + job.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause);
            }
        })) {
            client.batch().v1().jobs().inNamespace(ns).resource(Fabric8IT.job("w1", Map.of())).create();
            client.batch().v1().jobs().inNamespace(ns).withName("w1")
                    .edit(j -> new JobBuilder(j).editMetadata().addToLabels("step", "1").endMetadata().build());
            client.batch().v1().jobs().inNamespace(ns).withName("w1")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"step\":\"2\"}}}");
            client.batch().v1().jobs().inNamespace(ns).withName("w1").delete();

            List<String> seen = new ArrayList<>();
            while (seen.isEmpty() || !seen.get(seen.size() - 1).startsWith("DELETED")) {
                String next = events.poll(20, TimeUnit.SECONDS);
                assertTrue(next != null, "no further watch event after " + seen);
                seen.add(next);
            }
            assertEquals("ADDED w1", seen.get(0));
            assertEquals(List.of("MODIFIED w1", "MODIFIED w1"), seen.subList(1, 3), "events: " + seen);
            assertEquals("DELETED w1", seen.get(seen.size() - 1));
            synchronized (versions) {
                for (int i = 1; i < versions.size(); i++) {
                    assertTrue(versions.get(i) > versions.get(i - 1), "resourceVersions rise: " + versions);
                }
            }
        }
    }

    @Test
    void podInformerStaysInSyncThroughChurn() throws Exception {
        String ns = namespace("f8-informer");
        AtomicInteger handled = new AtomicInteger();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                handled.incrementAndGet();
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                handled.incrementAndGet();
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                handled.incrementAndGet();
            }
        }, 0);
        try {
            assertTrue(informer.hasSynced());
            int threads = 4;
            int opsPerThread = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> churn(ns, thread, opsPerThread, new Random(1000L + thread))));
            }
            int ops = 0;
            for (Future<Integer> f : done) {
                ops += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(ops >= threads * opsPerThread, "ops " + ops);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Map<String, String> listed = snapshot(client.pods().inNamespace(ns).list().getItems());
            Map<String, String> cached = snapshot(informer.getStore().list());
            while (!cached.equals(listed) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                listed = snapshot(client.pods().inNamespace(ns).list().getItems());
                cached = snapshot(informer.getStore().list());
            }
            assertEquals(listed, cached, "informer store vs. a fresh list");
            assertTrue(!listed.isEmpty(), "the churn leaves some pods");
            assertTrue(handled.get() >= listed.size(), "handler calls " + handled.get());
        } finally {
            informer.close();
        }
    }

    /** Creates pods, relabels random live ones and deletes some; answers how many operations it made. */
    private static int churn(String ns, int thread, int ops, Random random) {
        List<String> mine = new ArrayList<>();
        int made = 0;
        for (int i = 0; i < ops; i++) {
            int dice = random.nextInt(10);
            try {
                if (mine.isEmpty() || dice < 4) {
                    String name = "p-" + thread + "-" + i;
                    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
                            .addToLabels("round", "0").endMetadata().withNewSpec().addNewContainer().withName("c")
                            .withImage("busybox").endContainer().endSpec().build()).create();
                    mine.add(name);
                } else if (dice < 8) {
                    String name = mine.get(random.nextInt(mine.size()));
                    client.pods().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"labels\":{\"round\":\"" + i + "\"}}}");
                } else {
                    String name = mine.remove(random.nextInt(mine.size()));
                    client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
                }
                made++;
            } catch (KubernetesClientException e) {
                throw new AssertionError("thread " + thread + " op " + i + ": " + e.getCode() + " " + e.getMessage(), e);
            }
        }
        return made;
    }

    private static Map<String, String> snapshot(List<Pod> pods) {
        Map<String, String> m = new TreeMap<>();
        pods.forEach(p -> m.put(p.getMetadata().getName(), p.getMetadata().getResourceVersion()));
        return m;
    }

    private static String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }
}
