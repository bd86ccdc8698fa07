package io.lakeloop.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Kafka's {@link JmxReporter} for one task's MBean, with the MBean name owned by the newest instance in the JVM.
 * Connect can start a restarted task (a rebalance that outlives the old task's graceful stop, a zombie) before the old
 * instance of the same connector and task has stopped: both want {@code <domain>:type=<group>,connector=…,task=…}.
 * The plain reporter lets the newer one take the name over and then lets the older one's {@code close()} unregister
 * it, so the running task has no metrics until it restarts again. Here the newest instance owns the name; an instance
 * whose name was taken over neither re-registers nor unregisters it.
 */
final class OwnedJmxReporter implements MetricsReporter {

    /** MBean name → the instance that owns it now; also the lock around every change of ownership and registration. */
    private static final Map<String, OwnedJmxReporter> OWNERS = new HashMap<>();

    private final JmxReporter jmx = new JmxReporter();
    private final String mbean;

    /** Claims {@code mbean} for this instance (taking it over from an older one, which then leaves it alone). */
    OwnedJmxReporter(String name, Map<String, ?> configs) {
        try {
            this.mbean = new ObjectName(name).getCanonicalName();
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an MBean name: " + name, e);
        }
        jmx.configure(configs);
        synchronized (OWNERS) {
            OWNERS.put(this.mbean, this);
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
        jmx.configure(configs);
    }

    @Override
    public void contextChange(MetricsContext context) {
        jmx.contextChange(context);
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        synchronized (OWNERS) {
            if (owner()) {
                jmx.init(metrics);
            }
        }
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        synchronized (OWNERS) {
            if (owner()) {
                jmx.metricChange(metric);
            }
        }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        synchronized (OWNERS) {
            if (owner()) {
                jmx.metricRemoval(metric);
            }
        }
    }

    /** Unregisters the MBean if this instance still owns it. */
    @Override
    public void close() {
        synchronized (OWNERS) {
            if (OWNERS.remove(mbean, this)) {
                jmx.close();
            }
        }
    }

    private boolean owner() {
        return OWNERS.get(mbean) == this;
    }
}
