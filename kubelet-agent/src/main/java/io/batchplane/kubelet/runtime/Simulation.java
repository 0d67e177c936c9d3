package io.batchplane.kubelet.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Map;

/**
 * How a simulated pod behaves, read from its annotations:
 * <ul>
 * <li>{@value #DURATION} — how long its containers run, e.g. {@code 30s}, {@code 1m30s} or
 * {@code 45} (seconds); absent: they finish at once;</li>
 * <li>{@value #EXIT_CODE} — the exit code every container ends with (0..255); absent: 0.</li>
 * </ul>
 * An unreadable value is treated as absent (the pod then simply succeeds), never as an agent error.
 */
public record Simulation(Duration duration, int exitCode) {

    public static final String DURATION = "sim.batchplane.io/duration";
    public static final String EXIT_CODE = "sim.batchplane.io/exit-code";

    public static Simulation of(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        Duration d = Duration.ZERO;
        int code = 0;
        if (a != null) {
            try {
                d = a.containsKey(DURATION) ? DurationText.parse(a.get(DURATION)) : Duration.ZERO;
            } catch (RuntimeException e) {
                d = Duration.ZERO;
            }
            try {
                code = a.containsKey(EXIT_CODE) ? Integer.parseInt(a.get(EXIT_CODE).trim()) : 0;
            } catch (NumberFormatException e) {
                code = 0;
            }
        }
        return new Simulation(d, code < 0 || code > 255 ? 0 : code);
    }
}
