package io.batchplane.scheduler.decision;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.HashMap;
import java.util.Map;

/** Small builders for the pods and nodes of the scheduler's decision tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A Ready node offering {@code cpu} and {@code memory} and 110 pods. */
    public static NodeBuilder node(String name, String cpu, String memory) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addToAllocatable("cpu", new Quantity(cpu)).addToAllocatable("memory", new Quantity(memory))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    }

    public static Node ready(String name) {
        return node(name, "4", "8Gi").build();
    }

    /** A pod with one container requesting {@code cpu}/{@code memory} (null: no request). */
    public static PodBuilder pod(String name, String cpu, String memory) {
        Map<String, Quantity> req = new HashMap<>();
        if (cpu != null) {
            req.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            req.put("memory", new Quantity(memory));
        }
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid("uid-" + name).endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName("c").withImage("busybox")
                        .withNewResources().withRequests(req).endResources().build()).endSpec();
    }

    public static Pod pod(String name) {
        return pod(name, null, null).build();
    }

    public static Taint taint(String key, String value, String effect) {
        return new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    public static Toleration toleration(String key, String op, String value, String effect) {
        return new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey(key).withOperator(op).withValue(value)
                .withEffect(effect).build();
    }
}
