package io.batchplane.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text exposition format ({@code /q/metrics}). */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The samples of {@code metric}, keyed by their label set as written (e.g.
     * {@code operation="create",resource="pods"}; empty for an unlabelled sample). Comment lines and
     * other metrics, including those whose name merely starts with {@code metric}, are skipped.
     */
    static Map<String, Double> samples(String text, String metric) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
        Map<String, Double> out = new TreeMap<>();
        for (String l : text.split("\\n")) {
            Matcher m = line.matcher(l.trim());
            if (m.matches()) {
                String labels = m.group(1) == null ? "" : m.group(1).replaceAll(",$", "");
                out.merge(labels, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return out;
    }

    /** The value of label {@code name} in a label set as {@link #samples} keys it; empty if absent. */
    static String label(String labels, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }
}
