package io.lakeloop.deploy.monitoring;

import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the Prometheus JMX exporter agent would serve from this JVM's MBeans under
 * {@code config/monitoring/jmx-exporter/connect-worker.yml}: the exporter's own collector, loaded with that file,
 * scraped and written in the text format.
 */
final class JmxExporterScrape {

    private JmxExporterScrape() {
    }

    static String scrape() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        new JmxCollector(MonitoringFiles.JMX_EXPORTER_RULES.toFile()).register(registry);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
