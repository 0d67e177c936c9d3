package io.batchplane.apiserver.registry;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The subset of upstream's pod spec validation that batchplane's pods need: containers (names,
 * uniqueness across init and regular containers, image, pull and termination-message policies,
 * ports, volume mounts), volumes, restart and DNS policies, activeDeadlineSeconds and tolerations.
 * Used for pods and, with the template's paths, for Job and CronJob pod templates.
 */
public final class PodSpecValidation {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> TAINT_EFFECTS = List.of("NoExecute", "NoSchedule", "PreferNoSchedule");
    private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");

    private PodSpecValidation() {
    }

    /** Validates a pod template at {@code path} (e.g. {@code spec.template}). */
    public static List<StatusCause> validateTemplate(PodTemplateSpec template, String path) {
        List<StatusCause> errs = new ArrayList<>();
        if (template == null) {
            errs.add(FieldErrors.required(path, ""));
            return errs;
        }
        if (template.getMetadata() != null) {
            errs.addAll(ObjectMetaValidation.validateLabels(template.getMetadata().getLabels(), path + ".labels"));
            errs.addAll(ObjectMetaValidation.validateAnnotations(template.getMetadata().getAnnotations(),
                    path + ".annotations"));
        }
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        errs.addAll(validate(spec, path + ".spec"));
        if (spec.getEphemeralContainers() != null && !spec.getEphemeralContainers().isEmpty()) {
            errs.add(FieldErrors.forbidden(path + ".spec.ephemeralContainers",
                    "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /** Validates a pod spec at {@code path} (e.g. {@code spec}). */
    public static List<StatusCause> validate(PodSpec spec, String path) {
        List<StatusCause> errs = new ArrayList<>();
        Set<String> volumeNames = validateVolumes(spec.getVolumes(), path + ".volumes", errs);
        Set<String> containerNames = new HashSet<>();
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        if (containers.isEmpty()) {
            errs.add(FieldErrors.required(path + ".containers", ""));
        }
        validateContainers(containers, path + ".containers", containerNames, volumeNames, errs);
        validateContainers(spec.getInitContainers() == null ? List.of() : spec.getInitContainers(),
                path + ".initContainers", containerNames, volumeNames, errs);
        String restart = spec.getRestartPolicy() == null ? "" : spec.getRestartPolicy();
        if (restart.isEmpty()) {
            errs.add(FieldErrors.required(path + ".restartPolicy", ""));
        } else if (!RESTART_POLICIES.contains(restart)) {
            errs.add(FieldErrors.notSupported(path + ".restartPolicy", restart, RESTART_POLICIES));
        }
        String dns = spec.getDnsPolicy() == null ? "" : spec.getDnsPolicy();
        if (dns.isEmpty()) {
            errs.add(FieldErrors.required(path + ".dnsPolicy", ""));
        } else if (!DNS_POLICIES.contains(dns)) {
            errs.add(FieldErrors.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES));
        }
        Long deadline = spec.getActiveDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.add(FieldErrors.invalid(path + ".activeDeadlineSeconds", deadline,
                    "must be between 1 and " + Integer.MAX_VALUE + ", inclusive"));
        }
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty()) {
            for (String msg : NameRules.dns1123Subdomain(spec.getNodeName())) {
                errs.add(FieldErrors.invalid(path + ".nodeName", spec.getNodeName(), msg));
            }
        }
        errs.addAll(ObjectMetaValidation.validateLabels(spec.getNodeSelector(), path + ".nodeSelector"));
        errs.addAll(validateTolerations(spec.getTolerations(), path + ".tolerations"));
        return errs;
    }

    private static Set<String> validateVolumes(List<Volume> volumes, String path, List<StatusCause> errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; volumes != null && i < volumes.size(); i++) {
            String name = volumes.get(i).getName() == null ? "" : volumes.get(i).getName();
            String p = path + "[" + i + "].name";
            if (name.isEmpty()) {
                errs.add(FieldErrors.required(p, ""));
            } else {
                for (String msg : NameRules.dns1123Label(name)) {
                    errs.add(FieldErrors.invalid(p, name, msg));
                }
            }
            if (!names.add(name)) {
                errs.add(FieldErrors.duplicate(p, name));
            }
        }
        return names;
    }

    private static void validateContainers(List<Container> containers, String path, Set<String> allNames,
            Set<String> volumes, List<StatusCause> errs) {
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String p = path + "[" + i + "]";
            String name = c.getName() == null ? "" : c.getName();
            if (name.isEmpty()) {
                errs.add(FieldErrors.required(p + ".name", ""));
            } else {
                for (String msg : NameRules.dns1123Label(name)) {
                    errs.add(FieldErrors.invalid(p + ".name", name, msg));
                }
            }
            if (!allNames.add(name)) {
                errs.add(FieldErrors.duplicate(p + ".name", name));
            }
            if (c.getImage() == null || c.getImage().isEmpty()) {
                errs.add(FieldErrors.required(p + ".image", ""));
            }
            enumField(errs, p + ".imagePullPolicy", c.getImagePullPolicy(), PULL_POLICIES);
            enumField(errs, p + ".terminationMessagePolicy", c.getTerminationMessagePolicy(), MESSAGE_POLICIES);
            validatePorts(c.getPorts(), p + ".ports", errs);
            validateMounts(c.getVolumeMounts(), p + ".volumeMounts", volumes, errs);
        }
    }

    private static void validatePorts(List<ContainerPort> ports, String path, List<StatusCause> errs) {
        for (int i = 0; ports != null && i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String p = path + "[" + i + "]";
            Integer n = port.getContainerPort();
            if (n == null || n < 1 || n > 65535) {
                errs.add(FieldErrors.invalid(p + ".containerPort", n == null ? 0 : n,
                        "must be between 1 and 65535, inclusive"));
            }
            enumField(errs, p + ".protocol", port.getProtocol(), PROTOCOLS);
        }
    }

    private static void validateMounts(List<VolumeMount> mounts, String path, Set<String> volumes,
            List<StatusCause> errs) {
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; mounts != null && i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String p = path + "[" + i + "]";
            String name = m.getName() == null ? "" : m.getName();
            if (name.isEmpty()) {
                errs.add(FieldErrors.required(p + ".name", ""));
            }
            if (!volumes.contains(name)) {
                errs.add(FieldErrors.notFound(p + ".name", name));
            }
            String mountPath = m.getMountPath() == null ? "" : m.getMountPath();
            if (mountPath.isEmpty()) {
                errs.add(FieldErrors.required(p + ".mountPath", ""));
            } else if (!mountPaths.add(mountPath)) {
                errs.add(FieldErrors.invalid(p + ".mountPath", mountPath, "must be unique"));
            }
        }
    }

    /** Toleration syntax: key, operator, effect, and tolerationSeconds only with NoExecute. */
    public static List<StatusCause> validateTolerations(List<Toleration> tolerations, String path) {
        List<StatusCause> errs = new ArrayList<>();
        for (int i = 0; tolerations != null && i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            String p = path + "[" + i + "]";
            String key = t.getKey() == null ? "" : t.getKey();
            String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
            if (!key.isEmpty()) {
                for (String msg : NameRules.qualifiedName(key)) {
                    errs.add(FieldErrors.invalid(p + ".key", key, msg));
                }
            } else if (!"Exists".equals(op)) {
                errs.add(FieldErrors.invalid(p + ".operator", op,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.getTolerationSeconds() != null && !"NoExecute".equals(t.getEffect())) {
                errs.add(FieldErrors.invalid(p + ".effect", t.getEffect() == null ? "" : t.getEffect(),
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            if ("Exists".equals(op) && t.getValue() != null && !t.getValue().isEmpty()) {
                errs.add(FieldErrors.invalid(p + ".operator", t.getValue(),
                        "value must be empty when `operator` is 'Exists'"));
            } else if (!TOLERATION_OPERATORS.contains(op)) {
                errs.add(FieldErrors.notSupported(p + ".operator", op, TOLERATION_OPERATORS));
            }
            if (t.getEffect() != null && !t.getEffect().isEmpty() && !TAINT_EFFECTS.contains(t.getEffect())) {
                errs.add(FieldErrors.notSupported(p + ".effect", t.getEffect(), TAINT_EFFECTS));
            }
        }
        return errs;
    }

    private static void enumField(List<StatusCause> errs, String path, String value, List<String> allowed) {
        if (value == null || value.isEmpty()) {
            errs.add(FieldErrors.required(path, ""));
        } else if (!allowed.contains(value)) {
            errs.add(FieldErrors.notSupported(path, value, allowed));
        }
    }
}
