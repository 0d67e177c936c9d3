package io.batchplane.kubelet.node;

import java.util.Map;

/**
 * The node this agent presents: its name, what it offers (CPU and memory as Kubernetes quantities,
 * a pod count), extra labels, and its OS and architecture for the well-known labels.
 */
public record NodeSpecification(String name, String cpu, String memory, int pods, Map<String, String> labels,
        String os, String arch) {
}
