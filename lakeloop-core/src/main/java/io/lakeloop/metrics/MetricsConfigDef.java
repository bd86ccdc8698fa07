package io.lakeloop.metrics;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The {@code metrics.*} keys every Lakeloop connector shares, as a fragment added to its {@link ConfigDef}. */
public final class MetricsConfigDef {

    public static final String GROUP = "Metrics";

    public static final String LOG_INTERVAL_CONFIG = "metrics.log.interval.ms";
    static final long LOG_INTERVAL_DEFAULT = 60_000L;
    static final long LOG_INTERVAL_MIN = 1_000L;
    private static final String LOG_INTERVAL_DOC = "How often each task logs its metrics at INFO, as one line starting "
            + "with '" + MetricsLogLine.PREFIX + "' (the same names as on JMX and in Connect's plugin metrics). On MSK "
            + "Connect, which has no JMX access, this line in the connector's log group is the only view of them. "
            + "0 turns the periodic line off (the final line is still logged when a task stops); otherwise at least "
            + LOG_INTERVAL_MIN + " ms.";

    private MetricsConfigDef() {
    }

    /** Adds the {@code metrics.*} keys to {@code def} and returns it. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(LOG_INTERVAL_CONFIG, Type.LONG, LOG_INTERVAL_DEFAULT, new IntervalValidator(),
                Importance.LOW, LOG_INTERVAL_DOC, GROUP, 1, Width.SHORT, "Metrics log interval (ms)");
    }

    /** The configured interval; zero when the periodic line is off. */
    public static Duration logInterval(AbstractConfig config) {
        return Duration.ofMillis(config.getLong(LOG_INTERVAL_CONFIG));
    }

    /** 0 (off), or an interval from one second to one day. */
    private static final class IntervalValidator implements ConfigDef.Validator {
        private static final long MAX = Duration.ofDays(1).toMillis();

        @Override
        public void ensureValid(String name, Object value) {
            long ms = value instanceof Number n ? n.longValue() : -1;
            if (ms != 0 && (ms < LOG_INTERVAL_MIN || ms > MAX)) {
                throw new ConfigException(name, value, "0 (off) or from " + LOG_INTERVAL_MIN + " ms to one day");
            }
        }

        @Override
        public String toString() {
            return "0 (off), or [" + LOG_INTERVAL_MIN + ",...," + MAX + "]";
        }
    }
}
