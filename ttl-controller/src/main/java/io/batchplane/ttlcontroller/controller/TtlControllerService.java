package io.batchplane.ttlcontroller.controller;

import io.batchplane.api.v1.PropagationPolicy;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.clock.Clock;
import io.batchplane.client.informer.SharedInformer;
import io.batchplane.client.leaderelection.LeaderCallbacks;
import io.batchplane.client.leaderelection.LeaderElectionConfig;
import io.batchplane.client.leaderelection.LeaderElector;
import io.batchplane.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the TTL controller in the Quarkus app: at startup it campaigns for the {@code ttl-controller}
 * Lease (or starts at once when leader election is off); as leader it starts the Job informer and
 * the workers. Losing the Lease stops the work and exits the process, as upstream controllers do,
 * so a restarted instance campaigns afresh.
 */
@ApplicationScoped
public class TtlControllerService {

    private static final Logger LOG = Logger.getLogger(TtlControllerService.class);

    private final ResourceClient client;
    private final Clock clock;
    private final TtlControllerConfig config;
    private LeaderElector elector;
    private SharedInformer<Job> informer;
    private RateLimitingQueue<String> queue;
    private ExecutorService workers;

    public TtlControllerService(ResourceClient client, Clock clock, TtlControllerConfig config) {
        this.client = client;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        TtlControllerConfig.LeaderElection le = config.leaderElection();
        if (!le.enabled()) {
            startWork();
            return;
        }
        LeaderElectionConfig election = new LeaderElectionConfig(le.leaseNamespace(), le.leaseName(),
                le.identity().orElseGet(TtlControllerService::defaultIdentity), le.leaseDuration(), le.renewDeadline(),
                le.retryPeriod(), true);
        elector = new LeaderElector(client, election, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                LOG.infof("became leader of Lease %s/%s", le.leaseNamespace(), le.leaseName());
                startWork();
            }

            @Override
            public void onStoppedLeading() {
                LOG.warn("lost leadership; stopping");
                stopWork();
                Quarkus.asyncExit(1);
            }
        }, clock);
        elector.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopWork();
        if (elector != null) {
            elector.stop().await().indefinitely();
        }
    }

    private synchronized void startWork() {
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

    private synchronized void stopWork() {
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

    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}
