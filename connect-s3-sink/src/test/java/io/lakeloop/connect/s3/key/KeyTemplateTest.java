package io.lakeloop.connect.s3.key;

import static io.lakeloop.connect.s3.TestRecords.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.connect.s3.config.S3SinkConfig;
import io.lakeloop.connect.s3.format.RenderException;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeLayout;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 3, 7, 5, 9, 0, 0, ZoneId.of("UTC"));

    @Test
    void firehoseLayoutIsPrefixThenHourFoldersThenTopicPartitionAndPaddedStartOffset() throws RenderException {
        KeyTemplate t = new S3SinkConfig(config()).keyTemplate();
        String rendered = t.render("interactions", 3, AT, f -> null);
        assertThat(KeyTemplate.objectKey(rendered, 42, ".jsonl.gz")).isEqualTo(LakeLayout.UPSTREAM_INTERACTIONS_PREFIX
                + "2026/03/07/05/interactions+3+00000000000000000042.jsonl.gz");
    }

    @Test
    void hiveLayoutIsCoresDataAddressOfTheRecordsDate() throws RenderException {
        KeyTemplate t = new S3SinkConfig(config("s3.key.layout", "hive")).keyTemplate();
        String key = KeyTemplate.objectKey(t.render("lake.interactions", 0, AT, f -> null), 7, ".csv.gz");
        String expectedPrefix = new DataAddress("crm_derived_restricted", "t200_dashboard_interaction",
                LocalDate.of(2026, 3, 7), "prod").s3Key();
        assertThat(key).isEqualTo(expectedPrefix + "lake.interactions+0+00000000000000000007.csv.gz")
                .startsWith("crm_derived_restricted/t200_dashboard_interaction/dt=2026-03-07/");
    }

    @Test
    void timePartsFollowTheConfiguredZone() throws RenderException {
        KeyTemplate t = new S3SinkConfig(config("time.zone", "Asia/Tokyo")).keyTemplate();
        ZonedDateTime tokyo = AT.withHour(20).withZoneSameInstant(ZoneId.of("Asia/Tokyo"));
        assertThat(t.render("t", 0, tokyo, f -> null)).contains("2026/03/08/05/");
    }

    @Test
    void fieldPlaceholdersPartitionByValueAndMakeValuesKeySafe() throws RenderException {
        KeyTemplate t = KeyTemplate.parse("k", "e/{field:event_type}/{field:ctx.app}/{topic}+{partition}+{start_offset}");
        Map<String, Object> v = Map.of("event_type", "add to/cart", "ctx.app", "web");
        assertThat(KeyTemplate.objectKey(t.render("t", 1, AT, v::get), 0, ""))
                .isEqualTo("e/add_to_cart/web/t+1+00000000000000000000");
        assertThat(t.usesFields()).isTrue();
        assertThat(t.usesTime()).isFalse();
    }

    @Test
    void aMissingOrEmptyKeyFieldIsARenderErrorNamingTheField() {
        KeyTemplate t = KeyTemplate.parse("k", "{field:event_type}/{topic}+{partition}+{start_offset}");
        assertThatThrownBy(() -> t.render("t", 0, AT, f -> null)).isInstanceOf(RenderException.class)
                .hasMessageContaining("'event_type' is missing");
        assertThatThrownBy(() -> t.render("t", 0, AT, f -> "")).hasMessageContaining("'event_type' is empty");
    }

    @Test
    void dotSegmentsNeverEscapeTheirFolder() throws RenderException {
        KeyTemplate t = KeyTemplate.parse("k", "{field:x}/{topic}+{partition}+{start_offset}");
        assertThat(t.render("t", 0, AT, f -> "..")).startsWith("__/");
    }

    @Test
    void templatesWithoutTheUniquenessPlaceholdersOrWithUnknownOnesAreRejected() {
        assertThatThrownBy(() -> KeyTemplate.parse("s3.key.template", "a/{topic}+{partition}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("{start_offset}");
        assertThatThrownBy(() -> KeyTemplate.parse("s3.key.template", "a/{topic}+{start_offset}"))
                .hasMessageContaining("{partition}");
        assertThatThrownBy(() -> KeyTemplate.parse("s3.key.template", "{date}/{topic}+{partition}+{start_offset}"))
                .hasMessageContaining("unknown placeholder {date}");
        assertThatThrownBy(() -> KeyTemplate.parse("s3.key.template", "{topic}+{partition}+{start_offset"))
                .hasMessageContaining("without '}'");
        assertThatThrownBy(() -> KeyTemplate.parse("s3.key.template", "/{topic}+{partition}+{start_offset}"))
                .hasMessageContaining("must not start with '/'");
        assertThatThrownBy(() -> new S3SinkConfig(config("s3.key.layout", "custom")).keyTemplate())
                .hasMessageContaining("s3.key.template");
    }

    @Test
    void offsetsAreZeroPaddedSoKeysSortByOffset() {
        assertThat(KeyTemplate.objectKey("t+0+\u0000", 9, "")).isLessThan(KeyTemplate.objectKey("t+0+\u0000", 10, ""));
        assertThat(KeyTemplate.objectKey("\u0000", Long.MAX_VALUE, "")).hasSize(KeyTemplate.OFFSET_WIDTH);
    }
}
