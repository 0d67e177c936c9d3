package io.batchplane.api;

import java.util.List;
import java.util.Optional;

/**
 * A kind that batchplane serves, named as Kubernetes names it: the plural resource name used on the
 * wire (gRPC {@code resource} fields and REST paths), its API group and version, its kind, and
 * whether its objects live in a namespace.
 */
public record ResourceType(String resource, String group, String version, String kind, boolean namespaced) {

    public static final ResourceType NAMESPACES = new ResourceType("namespaces", "", "v1", "Namespace", false);
    public static final ResourceType PODS = new ResourceType("pods", "", "v1", "Pod", true);
    public static final ResourceType NODES = new ResourceType("nodes", "", "v1", "Node", false);
    public static final ResourceType EVENTS = new ResourceType("events", "", "v1", "Event", true);
    public static final ResourceType LEASES = new ResourceType("leases", "coordination.k8s.io", "v1", "Lease", true);
    public static final ResourceType JOBS = new ResourceType("jobs", "batch", "v1", "Job", true);
    public static final ResourceType CRONJOBS = new ResourceType("cronjobs", "batch", "v1", "CronJob", true);

    /** Every kind served, in the order discovery lists them. */
    public static final List<ResourceType> ALL = List.of(NAMESPACES, PODS, NODES, EVENTS, LEASES, JOBS, CRONJOBS);

    /** The {@code apiVersion} field of this kind's objects: {@code v1} or {@code group/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Looks a kind up by its plural resource name. */
    public static Optional<ResourceType> byResource(String resource) {
        return ALL.stream().filter(t -> t.resource.equals(resource)).findFirst();
    }

    /** Looks a kind up by its {@code apiVersion} and {@code kind}. */
    public static Optional<ResourceType> byKind(String apiVersion, String kind) {
        return ALL.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind.equals(kind)).findFirst();
    }
}
