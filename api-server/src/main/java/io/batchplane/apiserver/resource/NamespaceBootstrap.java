package io.batchplane.apiserver.resource;

import io.batchplane.api.ApiException;
import io.batchplane.api.StatusReason;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Makes sure the namespaces every cluster has exist: {@code default}, {@code kube-system} (leader
 * election leases) and {@code kube-node-lease} (node heartbeats). Safe to run on every replica.
 */
@ApplicationScoped
public class NamespaceBootstrap {

    static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-node-lease");
    private static final Logger LOG = Logger.getLogger(NamespaceBootstrap.class);

    @Inject
    ResourceWrites writes;

    void onStart(@Observes StartupEvent event) {
        Multi.createFrom().iterable(SYSTEM_NAMESPACES)
                .onItem().transformToUniAndConcatenate(name -> writes.create(Admission.SYSTEM, "namespaces", "",
                                ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
                                        .getBytes(StandardCharsets.UTF_8), false)
                        .onFailure(e -> e instanceof ApiException api && api.reason() == StatusReason.ALREADY_EXISTS)
                        .recoverWithNull())
                .collect().last()
                .await().atMost(Duration.ofSeconds(60));
        LOG.debug("system namespaces present");
    }
}
