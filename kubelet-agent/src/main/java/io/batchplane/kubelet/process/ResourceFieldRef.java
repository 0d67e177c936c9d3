package io.batchplane.kubelet.process;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The downward API's {@code resourceFieldRef}: a container's {@code limits.cpu|memory|ephemeral-storage}
 * or {@code requests.cpu|memory|ephemeral-storage} divided by {@code divisor} (default 1) and rounded up
 * to a whole number, as the kubelet renders it. A limit the container does not set is the node's
 * allocatable amount; a request it does not set is 0. Unknown resources or containers: empty.
 */
public final class ResourceFieldRef {

    private ResourceFieldRef() {
    }

    /**
     * @param container the container named by {@code containerName}, or (empty name) the one whose env
     *        is being built
     */
    public static Optional<String> value(Pod pod, String containerName, Container self, String resource, Quantity divisor,
            NodeAllocatable node) {
        Container c = containerName == null || containerName.isEmpty() ? self : find(pod, containerName);
        if (c == null || resource == null) {
            return Optional.empty();
        }
        int dot = resource.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String kind = resource.substring(0, dot);
        String name = resource.substring(dot + 1);
        String fallback = switch (name) {
            case "cpu" -> node.cpu();
            case "memory" -> node.memory();
            case "ephemeral-storage" -> node.ephemeralStorage();
            default -> null;
        };
        if (fallback == null || !(kind.equals("limits") || kind.equals("requests"))) {
            return Optional.empty();
        }
        Map<String, Quantity> set = c.getResources() == null ? null
                : kind.equals("limits") ? c.getResources().getLimits() : c.getResources().getRequests();
        Quantity q = set == null ? null : set.get(name);
        BigDecimal amount = q != null ? Quantity.getAmountInBytes(q)
                : kind.equals("limits") ? Quantity.getAmountInBytes(new Quantity(fallback)) : BigDecimal.ZERO;
        BigDecimal by = divisor == null || divisor.getAmount() == null || divisor.getAmount().isEmpty() ? BigDecimal.ONE
                : Quantity.getAmountInBytes(divisor);
        if (by.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(amount.divide(by, 0, RoundingMode.CEILING).toPlainString());
    }

    private static Container find(Pod pod, String name) {
        if (pod.getSpec() == null) {
            return null;
        }
        Stream<Container> all = Stream.concat(
                pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream(),
                pod.getSpec().getContainers() == null ? Stream.empty() : pod.getSpec().getContainers().stream());
        return all.filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }
}
