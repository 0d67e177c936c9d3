package io.batchplane.kubelet.process;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The host name a pod's containers see, as the kubelet chooses it: {@code spec.hostname} when set
 * (an Indexed Job sets {@code <job>-<index>}), else the pod's name; a name longer than 63 characters
 * (the limit of a DNS label) is cut to 63 and loses any trailing {@code -} or {@code .} the cut left.
 */
public final class PodHostname {

    static final int MAX = 63;

    private PodHostname() {
    }

    public static String of(Pod pod) {
        String name = pod.getSpec() != null && pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty()
                ? pod.getSpec().getHostname() : pod.getMetadata().getName();
        if (name.length() <= MAX) {
            return name;
        }
        String cut = name.substring(0, MAX);
        int end = cut.length();
        while (end > 0 && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
            end--;
        }
        return cut.substring(0, end);
    }
}
