package io.lakeloop.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    private static final List<String> LAKE = LakeColumn.ALL.stream().map(Enum::name).collect(Collectors.toList());

    private static RecordView view(Object value) {
        return new RecordView(new SinkRecord("t", 0, null, null, null, value, 5, 0L, TimestampType.CREATE_TIME));
    }

    @Test
    void lakeRowsRoundTripThroughAStandardCsvReaderWhateverTheirContent() throws Exception {
        CsvFormat format = new CsvFormat(LAKE, true);
        assertThat(format.lakeSchema()).isTrue();
        List<LakeRow> rows = List.of(
                new LakeRow("u1", "i1", 1_700_000_000L, "click", 1.5, "s1", "e1"),
                new LakeRow("u,2", "i \"quoted\"", 1_700_000_001L, "add\r\nto cart", null, null, "e2"),
                new LakeRow(" u3 ", "ï🙂", 1_700_000_002L, "view", 2.0, "s,3", "e3"));
        StringBuilder file = new StringBuilder(new String(format.header(), StandardCharsets.UTF_8));
        for (LakeRow row : rows) {
            file.append(new String(format.render(view(row.toJson())), StandardCharsets.UTF_8));
        }
        List<CSVRecord> parsed = parse(file.toString());
        assertThat(parsed.get(0).toList()).isEqualTo(LAKE);
        assertThat(parsed.get(0).toList().toString()).doesNotContain("\"");
        List<LakeRow> back = new ArrayList<>();
        for (CSVRecord r : parsed.subList(1, parsed.size())) {
            back.add(LakeRow.fromMap(Map.of("USER_ID", r.get(0), "ITEM_ID", r.get(1), "TIMESTAMP", r.get(2),
                    "EVENT_TYPE", r.get(3), "EVENT_VALUE", r.get(4), "SESSION_ID", r.get(5), "EVENT_ID", r.get(6))));
        }
        assertThat(back).containsExactlyElementsOf(rows);
    }

    @Test
    void aSubsetOfLakeColumnsKeepsTheConfiguredOrder() throws Exception {
        CsvFormat format = new CsvFormat(List.of("user_id", "ITEM_ID", "timestamp"), true);
        String row = new String(format.render(view(new LakeRow("u", "i", 7, "e", null, null, "x").toJson())),
                StandardCharsets.UTF_8);
        assertThat(row).isEqualTo("u,i,7\r\n");
        assertThat(new String(format.header(), StandardCharsets.UTF_8)).isEqualTo("user_id,ITEM_ID,timestamp\r\n");
    }

    @Test
    void aRowMissingARequiredLakeColumnIsARenderErrorNamingTheColumn() {
        CsvFormat format = new CsvFormat(LAKE, true);
        assertThatThrownBy(() -> format.render(view("{\"USER_ID\":\"u\",\"TIMESTAMP\":1,\"EVENT_TYPE\":\"c\",\"EVENT_ID\":\"e\"}")))
                .isInstanceOf(RenderException.class).hasMessageContaining("ITEM_ID");
        assertThatThrownBy(() -> format.render(view("not json"))).isInstanceOf(RenderException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> format.render(view(null))).hasMessageContaining("tombstone");
    }

    @Test
    void otherColumnsAreLookedUpCaseInsensitivelyAndMustBePresent() throws Exception {
        CsvFormat format = new CsvFormat(List.of("id", "Price", "tags"), false);
        assertThat(format.lakeSchema()).isFalse();
        assertThat(format.header()).isEmpty();
        String row = new String(format.render(view(Map.of("ID", "a,b", "price", 12.5, "tags", List.of("x", "y")))),
                StandardCharsets.UTF_8);
        assertThat(parse(row).get(0).toList()).containsExactly("a,b", "12.5", "[\"x\",\"y\"]");
        assertThatThrownBy(() -> format.render(view(Map.of("id", "a", "tags", "t"))))
                .hasMessageContaining("'Price' is missing");
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void aRenderErrorNeverQuotesAFieldValue() {
        CsvFormat format = new CsvFormat(LAKE, true);
        assertThatThrownBy(() -> format.render(view("{\"USER_ID\":\"u\",\"ITEM_ID\":\"i\",\"EVENT_TYPE\":\"c\","
                + "\"EVENT_ID\":\"e\",\"TIMESTAMP\":\"secret-1700\"}")))
                .isInstanceOf(RenderException.class).hasMessageContaining("TIMESTAMP")
                .hasMessageNotContaining("secret-1700");
        assertThatThrownBy(() -> format.render(view("{\"USER_ID\":\"u\",\"ITEM_ID\":\"i\",\"EVENT_TYPE\":\"c\","
                + "\"EVENT_ID\":\"e\",\"TIMESTAMP\":1,\"EVENT_VALUE\":\"secret-2.5x\"}")))
                .isInstanceOf(RenderException.class).hasMessageNotContaining("secret-2.5x");
    }

    @Test
    void aLoneSurrogateIsARenderErrorNotAQuestionMark() throws Exception {
        CsvFormat format = new CsvFormat(LAKE, true);
        String lone = "{\"USER_ID\":\"u\",\"ITEM_ID\":\"\\ud800\",\"EVENT_TYPE\":\"c\",\"EVENT_ID\":\"e\",\"TIMESTAMP\":1}";
        assertThatThrownBy(() -> format.render(view(lone))).isInstanceOf(RenderException.class)
                .hasMessageContaining("surrogate");
        String pair = lone.replace("\\ud800", "\\ud83d\\ude00");
        assertThat(new String(format.render(view(pair)), StandardCharsets.UTF_8)).contains("\uD83D\uDE00");
    }
}
