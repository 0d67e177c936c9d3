package io.batchplane.kubelet.process;

/**
 * What the node offers to pods, as Kubernetes quantities, and the address pods are reached at. The
 * downward API's {@code limits.*} fall back to these when a container sets no limit (as the kubelet
 * does), and {@code status.podIP}/{@code status.hostIP} are {@code address}: there is no network
 * namespace, a pod shares the node's network as with {@code hostNetwork: true}.
 */
public record NodeAllocatable(String cpu, String memory, String ephemeralStorage, String address) {
}
