package io.lakeloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.config.ConfigMarkdown;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MetricsConfigDefTest {

    private static final ConfigDef DEF = MetricsConfigDef.define(new ConfigDef());

    private static Duration interval(Object value) {
        return MetricsConfigDef.logInterval(new AbstractConfig(DEF,
                value == null ? Map.of() : Map.of(MetricsConfigDef.LOG_INTERVAL_CONFIG, value)));
    }

    @Test
    void aMinuteByDefaultZeroForOffAtLeastASecondOtherwise() {
        assertThat(interval(null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(interval("0")).isZero();
        assertThat(interval("1000")).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> interval("999")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(MetricsConfigDef.LOG_INTERVAL_CONFIG).hasMessageContaining("999");
        assertThatThrownBy(() -> interval("-1")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> interval(String.valueOf(Duration.ofDays(2).toMillis())))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theReferenceSaysWhatTheLineIsAndWhatIsValid() {
        assertThat(ConfigMarkdown.tables(DEF, 2)).contains("## Metrics")
                .contains("| `metrics.log.interval.ms` | long | `60000` | 0 (off), or [1000,...,86400000] | low |")
                .contains(MetricsLogLine.PREFIX).contains("MSK Connect");
    }
}
