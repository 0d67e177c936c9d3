package io.batchplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP batchplane_store_writes_total
            # TYPE batchplane_store_writes_total counter
            batchplane_store_writes_total{operation="create",resource="pods",} 120.0
            batchplane_store_writes_total{operation="update",resource="pods",} 30.0
            batchplane_store_writes_total_created{operation="create",resource="pods",} 1.7E9
            batchplane_store_writes_totalish 5.0
            other_metric{resource="pods"} 9.0
            plain_gauge 4.5
            """;

    @Test
    void samplesOfOneMetricKeyedByLabels() {
        assertEquals(Map.of("operation=\"create\",resource=\"pods\"", 120.0, "operation=\"update\",resource=\"pods\"", 30.0),
                PrometheusText.samples(TEXT, "batchplane_store_writes_total"));
    }

    @Test
    void unlabelledSampleHasEmptyKey() {
        assertEquals(Map.of("", 4.5), PrometheusText.samples(TEXT, "plain_gauge"));
    }

    @Test
    void absentMetricHasNoSamples() {
        assertEquals(Map.of(), PrometheusText.samples(TEXT, "missing"));
    }

    @Test
    void labelValues() {
        assertEquals("pods", PrometheusText.label("operation=\"create\",resource=\"pods\"", "resource"));
        assertEquals("create", PrometheusText.label("operation=\"create\",resource=\"pods\"", "operation"));
        assertEquals("", PrometheusText.label("operation=\"create\"", "resource"));
    }
}
