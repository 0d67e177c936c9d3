package io.batchplane.ttlcontroller.controller;

import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.leaderelection.LeaderElectedRunner;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the TTL controller in the Quarkus app: a {@link LeaderElectedRunner} campaigns for the
 * {@code ttl-controller} Lease (or starts at once when leader election is off); as leader this starts
 * the Job informer and the workers. Losing the Lease stops the work and exits the process, as upstream
 * controllers do, so a restarted instance campaigns afresh.
 */
@ApplicationScoped
public class TtlControllerService implements LeaderElectedRunner.Work {

    private final ResourceClient client;
    private final Clock clock;
    private final TtlControllerConfig config;
    private LeaderElectedRunner runner;
    private SharedInformer<Job> informer;
    private RateLimitingQueue<String> queue;
    private ExecutorService workers;

    public TtlControllerService(ResourceClient client, Clock clock, TtlControllerConfig config) {
        this.client = client;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        runner = new LeaderElectedRunner("ttl-controller", client, clock, config.leaderElection(), this);
        runner.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (runner != null) {
            runner.stop();
        }
    }

    /** Starts the Job informer and the workers. */
    @Override
    public synchronized void start() {
        if (informer != null) {
            return;
        }
        PropagationPolicy propagation = config.propagationPolicy() == TtlControllerConfig.Propagation.Foreground
                ? PropagationPolicy.FOREGROUND : PropagationPolicy.BACKGROUND;
        informer = new SharedInformer<>(client, Job.class, clock);
        queue = new RateLimitingQueue<>(clock);
        TtlController controller = new TtlController(informer.indexer(),
                new ResourceClientJobApi(client, propagation, config.apiTimeout()), queue, clock);
        informer.addEventHandler(controller);
        informer.start();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "ttl-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < config.workers(); i++) {
            workers.execute(controller::runWorker);
        }
    }

    @Override
    public synchronized void stop() {
        if (informer == null) {
            return;
        }
        queue.shutdown();
        informer.stop();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        informer = null;
    }
}
