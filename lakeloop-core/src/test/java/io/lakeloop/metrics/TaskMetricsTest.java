package io.lakeloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.Sensor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A real {@code Metrics}, Kafka's real JmxReporter on the platform MBean server, the log line read back. */
class TaskMetricsTest {

    private static final String DOMAIN = "io.lakeloop.test";
    private static final String GROUP = "test-sink-task-metrics";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private static TaskMetrics.Builder task(String connector, int task) {
        return TaskMetrics.builder(DOMAIN, GROUP).tag("connector", connector).tag("task", String.valueOf(task))
                .logInterval(Duration.ZERO);
    }

    private static String connector() {
        return "c-" + UUID.randomUUID();
    }

    @Test
    void everyMetricIsOnJmxUnderTheDomainWithItsKebabCaseName() throws Exception {
        AtomicInteger inFlight = new AtomicInteger(7);
        try (TaskMetrics metrics = task(connector(), 0).build()) {
            Sensor written = metrics.counter("records-written", "Records written");
            Sensor upload = metrics.latency("upload-latency", "Part upload", 60_000);
            metrics.gauge("in-flight", "Calls in flight now", inFlight::get);
            written.record(2);
            written.record();
            upload.record(40);
            upload.record(10);

            ObjectName name = new ObjectName(metrics.jmxName());
            assertThat(name.getDomain()).isEqualTo(DOMAIN);
            assertThat(name.getKeyProperty("type")).isEqualTo(GROUP);
            assertThat(JMX.getAttribute(name, "records-written-total")).isEqualTo(3.0);
            assertThat((Double) JMX.getAttribute(name, "records-written-rate")).isPositive();
            assertThat(JMX.getAttribute(name, "upload-latency-max")).isEqualTo(40.0);
            assertThat(JMX.getAttribute(name, "upload-latency-avg")).isEqualTo(25.0);
            assertThat((Double) JMX.getAttribute(name, "upload-latency-p99")).isBetween(35.0, 45.0);
            assertThat(JMX.getAttribute(name, "in-flight")).isEqualTo(7);
            inFlight.set(2);
            assertThat(JMX.getAttribute(name, "in-flight")).isEqualTo(2);

            Set<String> attributes = Arrays.stream(JMX.getMBeanInfo(name).getAttributes())
                    .map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
            assertThat(attributes).isEqualTo(metrics.snapshot().values().keySet())
                    .containsExactlyInAnyOrder("records-written-total", "records-written-rate", "upload-latency-avg",
                            "upload-latency-max", "upload-latency-p50", "upload-latency-p99", "in-flight");
            assertThat(JMX.queryNames(new ObjectName(DOMAIN + ":type=kafka-metrics-count,*"), null)).isEmpty();
            assertThat(metrics.value("records-written-total")).isEqualTo(3.0);
            metrics.close();
            assertThat(JMX.isRegistered(name)).as("unregistered on close").isFalse();
        }
    }

    @Test
    void tasksOfOneConnectorAreSeparateMBeansAndOddNamesAreQuoted() throws Exception {
        String connector = "odd, name=\"x\" " + UUID.randomUUID();
        try (TaskMetrics t0 = task(connector, 0).build(); TaskMetrics t1 = task(connector, 1).build()) {
            t0.counter("records-in", "Records in").record(5);
            t1.counter("records-in", "Records in").record(9);
            assertThat(JMX.getAttribute(new ObjectName(t0.jmxName()), "records-in-total")).isEqualTo(5.0);
            assertThat(JMX.getAttribute(new ObjectName(t1.jmxName()), "records-in-total")).isEqualTo(9.0);
            assertThat(new ObjectName(t1.jmxName()).getKeyProperty("connector")).isEqualTo(ObjectName.quote(connector));
        }
    }

    @Test
    void theLogLineCarriesTheSameNamesAndValuesEveryIntervalAndOnClose() throws Exception {
        String loggerName = "io.lakeloop.metrics.test." + UUID.randomUUID();
        String connector = connector();
        try (CapturedLog log = CapturedLog.of(loggerName)) {
            TaskMetrics metrics = task(connector, 4).logInterval(Duration.ofMillis(50))
                    .logger(LoggerFactory.getLogger(loggerName)).build();
            Sensor dlq = metrics.counter("records-dead-lettered", "Records sent to the DLQ");
            metrics.latency("call-latency", "Calls", 10_000).record(12);
            dlq.record(4);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastLine(log) != null
                    && lastLine(log).values().get("records-dead-lettered-total") == 4.0);
            MetricsLogLine line = lastLine(log);
            assertThat(line.group()).isEqualTo(GROUP);
            assertThat(line.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("connector", connector, "task", "4"));
            Set<String> jmx = Arrays.stream(JMX.getMBeanInfo(new ObjectName(metrics.jmxName())).getAttributes())
                    .map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
            assertThat(line.values().keySet()).isEqualTo(jmx);
            assertThat(line.value("call-latency-max")).isEqualTo(12.0);
            assertThat(log.messages()).allMatch(m -> m.startsWith("INFO lakeloop-metrics "));

            dlq.record(1);
            int before = log.messages().size();
            metrics.close();
            List<String> after = log.messages().subList(before, log.messages().size());
            assertThat(after).isNotEmpty();
            assertThat(MetricsLogLine.parse(after.get(after.size() - 1)).value("records-dead-lettered-total"))
                    .as("the final line on close").isEqualTo(5.0);
            int closed = log.messages().size();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> log.messages().size() == closed);
        }
    }

    private static MetricsLogLine lastLine(CapturedLog log) {
        List<String> messages = log.messages();
        return messages.isEmpty() ? null : MetricsLogLine.parse(messages.get(messages.size() - 1));
    }

    @Test
    void anOldTaskStoppingAfterItsRestartedSuccessorRegisteredLeavesTheSuccessorsMBean() throws Exception {
        String connector = connector();
        TaskMetrics old = task(connector, 3).build();
        old.counter("records-in", "Records in").record(100);
        TaskMetrics successor = task(connector, 3).build();
        successor.counter("records-in", "Records in").record(1);
        ObjectName name = new ObjectName(successor.jmxName());
        assertThat(JMX.getAttribute(name, "records-in-total")).as("the newest instance owns the name").isEqualTo(1.0);

        old.gauge("late", "added after the successor took the name", () -> 1);
        old.close();
        assertThat(JMX.isRegistered(name)).isTrue();
        assertThat(JMX.getAttribute(name, "records-in-total")).isEqualTo(1.0);
        assertThat(Arrays.stream(JMX.getMBeanInfo(name).getAttributes()).map(MBeanAttributeInfo::getName))
                .containsExactlyInAnyOrder("records-in-total", "records-in-rate");

        successor.close();
        assertThat(JMX.isRegistered(name)).isFalse();
    }

    @Test
    void theLogLineNamesTheTagsInTheOrderTheyWereGiven() {
        String loggerName = "io.lakeloop.metrics.test." + UUID.randomUUID();
        String connector = connector();
        try (CapturedLog log = CapturedLog.of(loggerName);
             TaskMetrics metrics = task(connector, 2).tag("zone", "a").tag("b-tag", "c")
                     .logger(LoggerFactory.getLogger(loggerName)).build()) {
            metrics.logNow();
            assertThat(log.messages()).containsExactly("INFO lakeloop-metrics group=" + GROUP + " connector=" + connector
                    + " task=2 zone=a b-tag=c |");
        }
    }

    @Test
    void withoutPluginMetricsInTheRuntimeJmxAndTheLogStillWork() throws Exception {
        Object connect37Context = new Object();
        try (TaskMetrics metrics = task(connector(), 0).connectContext(connect37Context).build()) {
            metrics.counter("records-in", "Records in").record(1);
            assertThat(metrics.inPluginMetrics()).isFalse();
            assertThat(JMX.getAttribute(new ObjectName(metrics.jmxName()), "records-in-total")).isEqualTo(1.0);
        }
        try (TaskMetrics metrics = task(connector(), 0).connectContext(null).build()) {
            assertThat(metrics.inPluginMetrics()).isFalse();
        }
    }

    @Test
    void namesMustBeKebabCaseLikeKafkasOwn() {
        try (TaskMetrics metrics = task(connector(), 0).build()) {
            assertThatThrownBy(() -> metrics.counter("RecordsWritten", "x")).hasMessageContaining("kebab-case");
            assertThatThrownBy(() -> metrics.gauge("in_flight", "x", () -> 1)).hasMessageContaining("in_flight");
            assertThatThrownBy(() -> metrics.value("no-such")).hasMessageContaining("no-such");
        }
        assertThatThrownBy(() -> TaskMetrics.builder(DOMAIN, "Bad Group")).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> task("c", 0).logInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGaugeWithoutAValueReadsAsNaN() {
        try (TaskMetrics metrics = task(connector(), 0).build()) {
            metrics.gauge("buffered-bytes", "Bytes buffered", () -> null);
            assertThat(metrics.value("buffered-bytes")).isNaN();
            assertThat(metrics.snapshot().values()).containsKey("buffered-bytes");
        }
    }
}
