package io.batchplane.jobcontroller.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.client.informer.Indexer;
import io.batchplane.client.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory API server for one namespace that behaves like the real one for what the controller does, and
 * doubles as an instant informer: every write lands in the caches and is handed to the controller's handlers.
 * Failures can be injected per operation.
 */
final class FakeJobApi implements JobApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Indexer<Job> jobs = new Indexer<>();
    final Indexer<Pod> pods = new Indexer<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger rv = new AtomicInteger(1);
    volatile ResourceEventHandler<Pod> podHandler;
    volatile ResourceEventHandler<Job> jobHandler;
    volatile String failOn;
    private final AtomicInteger seq = new AtomicInteger();

    FakeJobApi() {
        pods.addIndex(io.batchplane.client.informer.Indexers.NAMESPACE, io.batchplane.client.informer.Indexers.byNamespace());
    }

    private void maybeFail(String op) {
        calls.add(op);
        if (op.equals(failOn)) {
            throw ApiException.internal("injected failure of " + op);
        }
    }

    void putJob(Job job) {
        Job stored = new JobBuilder(job).editMetadata().withResourceVersion(Integer.toString(rv.incrementAndGet())).endMetadata().build();
        Job old = jobs.put(stored).orElse(null);
        if (jobHandler != null) {
            if (old == null) {
                jobHandler.onAdd(stored);
            } else {
                jobHandler.onUpdate(old, stored);
            }
        }
    }

    void putPod(Pod pod) {
        Pod stored = new PodBuilder(pod).editMetadata().withResourceVersion(Integer.toString(rv.incrementAndGet())).endMetadata().build();
        Pod old = pods.put(stored).orElse(null);
        if (podHandler != null) {
            if (old == null) {
                podHandler.onAdd(stored);
            } else {
                podHandler.onUpdate(old, stored);
            }
        }
    }

    void removePod(Pod pod) {
        pods.remove(Indexer.key(pod)).ifPresent(p -> {
            if (podHandler != null) {
                podHandler.onDelete(p, false);
            }
        });
    }

    /** A pod being deleted without finalizers disappears, as the real store does. */
    private void settle(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null
                && (pod.getMetadata().getFinalizers() == null || pod.getMetadata().getFinalizers().isEmpty())) {
            removePod(pod);
        }
    }

    @Override
    public Pod createPod(Pod pod) {
        maybeFail("create");
        int n = seq.incrementAndGet();
        Pod created = new PodBuilder(pod).editMetadata().withName(pod.getMetadata().getGenerateName() + "x" + n)
                .withUid("pod-uid-" + n).withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata()
                .withNewStatus().withPhase("Pending").endStatus().build();
        putPod(created);
        return pods.getByKey(Indexer.key(created)).orElseThrow();
    }

    @Override
    public void deletePod(String namespace, String name, String uid) {
        maybeFail("delete");
        Pod pod = pods.get(namespace, name).orElseThrow(() -> ApiException.notFound(ResourceType.PODS, name));
        putPod(new PodBuilder(pod).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build());
        settle(pods.get(namespace, name).orElseThrow());
    }

    @Override
    public Pod patchPod(String namespace, String name, String jsonPatch) {
        maybeFail("patch");
        Pod pod = pods.get(namespace, name).orElseThrow(() -> ApiException.notFound(ResourceType.PODS, name));
        try {
            JsonNode patched = JsonPatch.apply(JSON.readTree(jsonPatch), JSON.valueToTree(pod));
            Pod next = JSON.treeToValue(patched, Pod.class);
            putPod(next);
            Pod stored = pods.get(namespace, name).orElseThrow();
            settle(stored);
            return stored;
        } catch (java.io.IOException | RuntimeException e) {
            throw ApiException.conflict(ResourceType.PODS, name, "patch failed: " + e.getMessage());
        }
    }

    @Override
    public Job updateJobStatus(Job job) {
        maybeFail("status");
        Job current = jobs.get(job.getMetadata().getNamespace(), job.getMetadata().getName()).orElseThrow();
        if (!current.getMetadata().getResourceVersion().equals(job.getMetadata().getResourceVersion())) {
            throw ApiException.conflict(ResourceType.JOBS, job.getMetadata().getName(), "stale resourceVersion");
        }
        putJob(new JobBuilder(current).withStatus(job.getStatus()).build());
        return jobs.getByKey(Indexer.key(job)).orElseThrow();
    }

    @Override
    public Job getJob(String namespace, String name) {
        calls.add("get");
        return jobs.get(namespace, name).orElseThrow(() -> ApiException.notFound(ResourceType.JOBS, name));
    }

    @Override
    public void createEvent(Event event) {
        events.add(event);
    }

    List<String> eventReasons() {
        List<String> r = new ArrayList<>();
        events.forEach(e -> r.add(e.getReason()));
        return r;
    }
}
