package io.batchplane.kubelet.node;

import java.util.Map;

/**
 * The node this agent presents: its name, what it offers (CPU and memory as Kubernetes quantities,
 * a pod count), extra labels, its OS and architecture for the well-known labels, and where its HTTP
 * endpoint (container logs) is reached: the {@code InternalIP} address and the kubelet port.
 */
public record NodeSpecification(String name, String cpu, String memory, int pods, Map<String, String> labels,
        String os, String arch, String internalIp, int kubeletPort) {

    /** A node reached on the loopback address at the usual kubelet port 10250. */
    public NodeSpecification(String name, String cpu, String memory, int pods, Map<String, String> labels, String os,
            String arch) {
        this(name, cpu, memory, pods, labels, os, arch, "127.0.0.1", 10250);
    }
}
