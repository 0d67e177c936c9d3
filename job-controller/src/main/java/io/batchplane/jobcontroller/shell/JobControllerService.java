package io.batchplane.jobcontroller.shell;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.leaderelection.LeaderElectedRunner;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs the {@link JobController} in the Quarkus app: informers on Jobs and pods feed it, and it works only while
 * this process holds the {@code job-controller} Lease (a {@link LeaderElectedRunner}: losing the Lease ends the
 * process, as upstream controller managers do, so two leaders never act at once).
 */
@ApplicationScoped
public class JobControllerService implements LeaderElectedRunner.Work {
    private static final Logger LOG = Logger.getLogger(JobControllerService.class);

    private final JobControllerSettings settings;
    private final ResourceClient client;
    private final Clock clock;
    private final MeterRegistry registry;
    private SharedInformer<Job> jobInformer;
    private SharedInformer<Pod> podInformer;
    private JobController controller;
    private LeaderElectedRunner runner;
    private ExecutorService podWrites;

    public JobControllerService(JobControllerSettings settings, ResourceClient client, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        runner = new LeaderElectedRunner("job-controller", client, clock, settings.leaderElection(), this);
        runner.start();
    }

    /** Builds the informers and the controller, waits for both caches, then starts the workers. */
    @Override
    public synchronized void start() {
        podWrites = Executors.newFixedThreadPool(settings.podWriteThreads());
        jobInformer = new SharedInformer<>(client, Job.class, clock);
        podInformer = new SharedInformer<>(client, Pod.class, clock);
        podInformer.indexer().addIndex(Indexers.NAMESPACE, Indexers.byNamespace());
        controller = new JobController(new ResourceClientJobApi(client, settings.apiTimeout()), jobInformer.indexer(),
                podInformer.indexer(), clock, settings.decisionConfig(), podWrites, new JobMetrics(registry));
        jobInformer.addEventHandler(controller.jobHandler());
        podInformer.addEventHandler(controller.podHandler());
        jobInformer.start();
        podInformer.start();
        try {
            while (!(jobInformer.awaitSynced(Duration.ofSeconds(10)) && podInformer.awaitSynced(Duration.ofSeconds(10)))) {
                LOG.info("waiting for the Job and pod caches to sync");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        controller.start(settings.workers());
        LOG.infof("job controller started with %d workers", settings.workers());
    }

    @Override
    public synchronized void stop() {
        if (controller != null) {
            controller.stop();
        }
        if (jobInformer != null) {
            jobInformer.stop();
            podInformer.stop();
        }
        if (podWrites != null) {
            podWrites.shutdownNow();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (runner != null) {
            runner.stop();
        }
    }
}
