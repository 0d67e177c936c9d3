package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core/v1 defaults kube-apiserver applies to pods and pod templates, and the admission defaults
 * every pod gets on create (DefaultTolerationSeconds, Priority). Each setter fills a field only when
 * it is unset, so defaulting is idempotent and safe to run on every write.
 */
public final class PodDefaults {

    public static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
    public static final long DEFAULT_TOLERATION_SECONDS = 300;

    private PodDefaults() {
    }

    /** Defaults of a pod object: its spec's, plus those upstream applies only to pods, not templates. */
    public static void applyPod(Pod pod) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        applyPodSpec(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        for (Container c : containers(spec)) {
            requestsFromLimits(c);
        }
    }

    /** Admission-time defaults of a pod being created: toleration seconds and priority. */
    public static void applyPodAdmission(Pod pod) {
        addDefaultTolerations(pod.getSpec());
        if (pod.getSpec().getPriority() == null && pod.getSpec().getPriorityClassName() == null) {
            pod.getSpec().setPriority(0);
        }
        if (pod.getSpec().getPreemptionPolicy() == null) {
            pod.getSpec().setPreemptionPolicy("PreemptLowerPriority");
        }
    }

    /** Defaults shared by pods and pod templates (SetDefaults_PodSpec and the container defaults). */
    public static void applyPodSpec(PodSpec spec) {
        if (isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName("default-scheduler");
        }
        for (Container c : containers(spec)) {
            applyContainer(c);
        }
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (hasNoSource(v)) {
                v.setEmptyDir(new EmptyDirVolumeSource());
            }
        }
    }

    static void applyContainer(Container c) {
        if (isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath("/dev/termination-log");
        }
        if (isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        if (isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy("latest".equals(imageTag(c.getImage())) ? "Always" : "IfNotPresent");
        }
        if (c.getResources() == null) {
            c.setResources(new ResourceRequirements());
        }
        for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
            if (isEmpty(p.getProtocol())) {
                p.setProtocol("TCP");
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                    && isEmpty(e.getValueFrom().getFieldRef().getApiVersion())) {
                e.getValueFrom().getFieldRef().setApiVersion("v1");
            }
        }
        applyProbe(c.getLivenessProbe());
        applyProbe(c.getReadinessProbe());
        applyProbe(c.getStartupProbe());
    }

    private static void applyProbe(Probe p) {
        if (p == null) {
            return;
        }
        if (p.getTimeoutSeconds() == null) {
            p.setTimeoutSeconds(1);
        }
        if (p.getPeriodSeconds() == null) {
            p.setPeriodSeconds(10);
        }
        if (p.getSuccessThreshold() == null) {
            p.setSuccessThreshold(1);
        }
        if (p.getFailureThreshold() == null) {
            p.setFailureThreshold(3);
        }
    }

    /**
     * The tag of an image reference, "latest" when it names neither a tag nor a digest, and empty
     * when it names only a digest: the rule behind the imagePullPolicy default.
     */
    static String imageTag(String image) {
        if (image == null || image.isEmpty()) {
            return "latest";
        }
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        if (colon >= 0) {
            return last.substring(colon + 1);
        }
        return at >= 0 ? "" : "latest";
    }

    /**
     * Tolerates NotReady and Unreachable NoExecute taints for 300 s unless the pod already tolerates
     * them, so pods on a failed node are evicted after five minutes (DefaultTolerationSeconds).
     */
    public static void addDefaultTolerations(PodSpec spec) {
        List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : spec.getTolerations();
        boolean notReady = false;
        boolean unreachable = false;
        for (Toleration t : tolerations) {
            boolean noExecute = isEmpty(t.getEffect()) || "NoExecute".equals(t.getEffect());
            boolean anyKey = isEmpty(t.getKey());
            notReady |= noExecute && (anyKey || NOT_READY_TAINT.equals(t.getKey()));
            unreachable |= noExecute && (anyKey || UNREACHABLE_TAINT.equals(t.getKey()));
        }
        if (!notReady) {
            tolerations.add(new Toleration("NoExecute", NOT_READY_TAINT, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        if (!unreachable) {
            tolerations.add(new Toleration("NoExecute", UNREACHABLE_TAINT, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        spec.setTolerations(tolerations);
    }

    /** A container with limits but no request for a resource requests what it limits. */
    private static void requestsFromLimits(Container c) {
        ResourceRequirements r = c.getResources();
        if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : r.getRequests();
        r.getLimits().forEach((k, v) -> requests.putIfAbsent(k, new Quantity(v.toString())));
        r.setRequests(requests);
    }

    static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            all.addAll(spec.getContainers());
        }
        return all;
    }

    private static boolean hasNoSource(Volume v) {
        Map<String, Object> props = Copies.toMap(v);
        return props == null || props.keySet().stream().allMatch("name"::equals);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
