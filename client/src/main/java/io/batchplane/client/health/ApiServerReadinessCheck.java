package io.batchplane.client.health;

import io.batchplane.api.GrpcErrors;
import io.batchplane.client.ListOptions;
import io.batchplane.client.ResourceClient;
import io.batchplane.client.config.ApiServerConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of every component: ready only while an authenticated list of its probe kind
 * ({@code batchplane.api-server.readiness-probe}) succeeds. A component that cannot reach the API
 * server, or is refused by it, can do no work, so {@code /q/health/ready} says DOWN and why.
 */
@Readiness
@ApplicationScoped
public class ApiServerReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Map<String, Class<? extends HasMetadata>> PROBE_KINDS = Map.of(
            "namespaces", Namespace.class, "pods", Pod.class, "nodes", Node.class, "events", Event.class,
            "leases", Lease.class, "jobs", Job.class, "cronjobs", CronJob.class);

    @Inject
    ResourceClient client;
    @Inject
    ApiServerConfig config;

    @Override
    public Uni<HealthCheckResponse> call() {
        String probe = config.readinessProbe();
        String target = config.host() + ":" + config.grpcPort();
        Class<? extends HasMetadata> kind = PROBE_KINDS.get(probe);
        if (kind == null) {
            return Uni.createFrom().item(HealthCheckResponse.named("api-server").withData("target", target)
                    .withData("error", "unknown readiness probe kind " + probe).down().build());
        }
        return client.list(kind, ListOptions.all().withLimit(1))
                .ifNoItem().after(TIMEOUT).fail()
                .map(ignored -> HealthCheckResponse.named("api-server").withData("target", target)
                        .withData("probe", "list " + probe).up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("api-server")
                        .withData("target", target).withData("probe", "list " + probe)
                        .withData("error", GrpcErrors.fromGrpc(failure).reason() + ": " + failure.getMessage())
                        .down().build());
    }
}
