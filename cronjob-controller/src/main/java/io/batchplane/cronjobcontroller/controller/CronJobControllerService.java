package io.batchplane.cronjobcontroller.controller;

import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.Indexers;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.leaderelection.LeaderElectedRunner;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the CronJob controller in the Quarkus app: a {@link LeaderElectedRunner} campaigns for the
 * {@code cronjob-controller} Lease (or starts at once when leader election is off); as leader this
 * starts the CronJob and Job informers and, once both caches are filled, the workers. Losing the
 * Lease stops the work and exits the process, as upstream controllers do.
 */
@ApplicationScoped
public class CronJobControllerService implements LeaderElectedRunner.Work {

    private static final Logger LOG = Logger.getLogger(CronJobControllerService.class);

    private final ResourceClient client;
    private final Clock clock;
    private final CronJobControllerConfig config;
    private final LeaderElectedRunner runner;
    private SharedInformer<CronJob> cronJobInformer;
    private SharedInformer<Job> jobInformer;
    private RateLimitingQueue<String> queue;
    private ExecutorService workers;

    public CronJobControllerService(ResourceClient client, Clock clock, CronJobControllerConfig config) {
        this.client = client;
        this.clock = clock;
        this.config = config;
        this.runner = new LeaderElectedRunner("cronjob-controller", client, clock, config.leaderElection(), this);
    }

    void onStart(@Observes StartupEvent event) {
        runner.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.stop();
    }

    /** Starts the informers and the workers, which wait for both caches before syncing. */
    @Override
    public synchronized void start() {
        if (queue != null) {
            return;
        }
        ZoneId localZone = config.defaultTimeZone().map(ZoneId::of).orElseGet(ZoneId::systemDefault);
        cronJobInformer = new SharedInformer<>(client, CronJob.class, clock);
        jobInformer = new SharedInformer<>(client, Job.class, clock);
        jobInformer.indexer().addIndex(Indexers.NAMESPACE, Indexers.byNamespace());
        queue = new RateLimitingQueue<>(clock);
        CronJobController controller = new CronJobController(cronJobInformer.indexer(), jobInformer.indexer(),
                new ResourceClientCronJobApi(client, config.apiTimeout(), runner.identity()), queue, clock, localZone);
        cronJobInformer.addEventHandler(controller.cronJobHandler());
        jobInformer.addEventHandler(controller.jobHandler());
        cronJobInformer.start();
        jobInformer.start();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "cronjob-worker");
            t.setDaemon(true);
            return t;
        });
        SharedInformer<CronJob> cronJobs = cronJobInformer;
        SharedInformer<Job> jobs = jobInformer;
        for (int i = 0; i < config.workers(); i++) {
            workers.execute(() -> {
                if (awaitSynced(cronJobs) && awaitSynced(jobs)) {
                    controller.runWorker();
                }
            });
        }
    }

    private static boolean awaitSynced(SharedInformer<?> informer) {
        try {
            while (!informer.awaitSynced(Duration.ofSeconds(30))) {
                LOG.info("waiting for informer caches to sync");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (queue == null) {
            return;
        }
        queue.shutdown();
        cronJobInformer.stop();
        jobInformer.stop();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue = null;
    }
}
