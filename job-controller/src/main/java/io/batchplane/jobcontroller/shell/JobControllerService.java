package io.batchplane.jobcontroller.shell;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.leaderelection.LeaderCallbacks;
import io.batchplane.client.leaderelection.LeaderElectionConfig;
import io.batchplane.client.leaderelection.LeaderElector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs the {@link JobController} in the Quarkus app: informers on Jobs and pods feed it, and it works only while
 * this process holds the {@code job-controller} Lease (losing the Lease ends the process, as upstream controller
 * managers do, so two leaders never act at once).
 */
@ApplicationScoped
public class JobControllerService {
    private static final Logger LOG = Logger.getLogger(JobControllerService.class);

    private final JobControllerSettings settings;
    private final ResourceClient client;
    private final Clock clock;
    private final MeterRegistry registry;
    private SharedInformer<Job> jobInformer;
    private SharedInformer<Pod> podInformer;
    private JobController controller;
    private LeaderElector elector;
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
        JobControllerSettings.LeaderElection le = settings.leaderElection();
        if (!le.enabled()) {
            startInBackground();
            return;
        }
        String identity = le.identity().orElseGet(JobControllerService::defaultIdentity);
        elector = new LeaderElector(client, new LeaderElectionConfig(le.leaseNamespace(), le.leaseName(), identity,
                le.leaseDuration(), le.renewDeadline(), le.retryPeriod(), true), new LeaderCallbacks() {
                    @Override
                    public void onStartedLeading() {
                        LOG.infof("became leader as %s", identity);
                        startInBackground();
                    }

                    @Override
                    public void onStoppedLeading() {
                        LOG.warn("lost the job-controller Lease; exiting");
                        stopController();
                        Quarkus.asyncExit(1);
                    }
                }, clock);
        elector.start();
    }

    private void startInBackground() {
        Thread t = new Thread(this::run, "job-controller-start");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void run() {
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

    private synchronized void stopController() {
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
        stopController();
        if (elector != null) {
            elector.stop().await().atMost(Duration.ofSeconds(5));
        }
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "job-controller";
        }
        return host + "_" + UUID.randomUUID();
    }
}
