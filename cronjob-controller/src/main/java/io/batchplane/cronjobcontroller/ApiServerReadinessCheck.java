package io.batchplane.cronjobcontroller;

import io.batchplane.api.ApiException;
import io.batchplane.api.GrpcErrors;
import io.batchplane.api.ResourceType;
import io.grpc.Status;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: this service is ready only while an authenticated call to the API server succeeds. A
 * component that cannot reach the API server (down, wrong address, rejected token) can do no work,
 * so {@code /q/health/ready} reports DOWN with the reason.
 */
@Readiness
@ApplicationScoped
public class ApiServerReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "api-server";

    /**
     * What the probe lists: a kind this component's role lets it list (the CronJobs it drives), so a ready service
     * has shown it can read what it works on.
     */
    static final ResourceType PROBE = ResourceType.CRONJOBS;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ApiServerConnection connection;

    public ApiServerReadinessCheck(ApiServerConnection connection) {
        this.connection = connection;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return connection.ping(PROBE, TIMEOUT)
                .map(ignored -> HealthCheckResponse.named(NAME)
                        .withData("target", connection.target())
                        .withData("probe", "list " + PROBE.resource())
                        .up()
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .withData("target", connection.target())
                        .withData("probe", "list " + PROBE.resource())
                        .withData("error", describe(failure))
                        .down()
                        .build());
    }

    private static String describe(Throwable failure) {
        if (failure instanceof IllegalStateException || failure instanceof UncheckedIOException) {
            return failure.getMessage();
        }
        ApiException api = GrpcErrors.fromGrpc(failure);
        String message = api.reason() + ": " + api.getMessage();
        Throwable transport = Status.fromThrowable(failure).getCause();
        return transport == null ? message : message + " (" + transport.getMessage() + ")";
    }
}
