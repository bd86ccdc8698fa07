package io.lakeloop.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LakeRowCsvTest {

    private static final List<String> HOSTILE = List.of(
            "plain", "with,comma", "with \"quotes\"", "\"", "line\nbreak", "crlf\r\nbreak", "ünïcødé-用户-🎧",
            " leading space", "trailing space ", "", ",,,", "\"\"\"", "tab\there", "semi;colon");

    @Test
    void hostileIdsRoundTripThroughCommonsCsv() throws IOException {
        StringBuilder file = new StringBuilder();
        Csv.appendRow(file, LakeColumn.ALL.stream().map(Enum::name).toList());
        List<LakeRow> rows = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String id = HOSTILE.get(i);
            LakeRow row = new LakeRow("u-" + id, id.isEmpty() ? "x" : id, 1_700_000_000L + i, "t" + id,
                    i % 2 == 0 ? null : i * 1.5, id.isEmpty() ? null : "s" + id, "e" + i);
            rows.add(row);
            file.append(row.toCsvLine(LakeColumn.ALL));
        }
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(file.toString()))) {
            assertThat(parser.getHeaderNames()).containsExactly("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE",
                    "EVENT_VALUE", "SESSION_ID", "EVENT_ID");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                LakeRow expected = rows.get(i);
                CSVRecord r = records.get(i);
                assertThat(r.get("USER_ID")).isEqualTo(expected.userId());
                assertThat(r.get("ITEM_ID")).isEqualTo(expected.itemId());
                assertThat(Long.parseLong(r.get("TIMESTAMP"))).isEqualTo(expected.timestamp());
                assertThat(r.get("EVENT_TYPE")).isEqualTo(expected.eventType());
                assertThat(r.get("EVENT_VALUE")).isEqualTo(expected.eventValue() == null ? "" : LakeRow.formatValue(expected.eventValue()));
                assertThat(r.get("SESSION_ID")).isEqualTo(expected.sessionId() == null ? "" : expected.sessionId());
                assertThat(r.get("EVENT_ID")).isEqualTo(expected.eventId());
            }
        }
        // and our own parser reads what commons-csv reads
        Csv.Parser own = new Csv.Parser(new StringReader(file.toString()));
        assertThat(own.next()).containsExactly("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "SESSION_ID", "EVENT_ID");
        for (LakeRow expected : rows) {
            assertThat(own.next()).containsExactlyElementsOf(expected.cells(LakeColumn.ALL));
        }
        assertThat(own.next()).isNull();
    }

    @Test
    void headerAndPlainFieldsAreWrittenBare() {
        assertThat(Csv.row(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"))).isEqualTo("USER_ID,ITEM_ID,TIMESTAMP\r\n");
        assertThat(Csv.row(List.of("a\"b", "c,d"))).isEqualTo("\"a\"\"b\",\"c,d\"\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b\nc,d\n", "a,b\r\nc,d\r\n", "a,b\nc,d"})
    void parserAcceptsLfAndCrlfAndNoFinalNewline(String text) {
        Csv.Parser p = new Csv.Parser(new StringReader(text));
        assertThat(p.next()).containsExactly("a", "b");
        assertThat(p.next()).containsExactly("c", "d");
        assertThat(p.next()).isNull();
        assertThat(p.rowNumber()).isEqualTo(2);
    }

    @Test
    void parserRejectsAnUnterminatedQuote() {
        Csv.Parser p = new Csv.Parser(new StringReader("a,\"open\n"));
        assertThatThrownBy(p::next).hasMessageContaining("unterminated");
    }

    @Test
    void jsonFormRoundTripsAndIsKeyedByColumnNames() {
        LakeRow row = new LakeRow("u,1", "i\"9", 1_700_000_000L, "click", 2.5, "s1", "e1");
        String json = row.toJson();
        assertThat(json).contains("\"USER_ID\":\"u,1\"", "\"TIMESTAMP\":1700000000", "\"EVENT_VALUE\":2.5");
        assertThat(LakeRow.fromJson(json)).isEqualTo(row);
        LakeRow sparse = new LakeRow("u", "i", 1L, "view", null, null, "e");
        assertThat(LakeRow.fromJson(sparse.toJson())).isEqualTo(sparse);
        assertThat(LakeRow.fromJson("{\"user_id\":\"u\",\"item_id\":\"i\",\"timestamp\":\"5\",\"event_type\":\"v\",\"event_id\":\"e\"}"))
                .isEqualTo(new LakeRow("u", "i", 5L, "v", null, null, "e"));
        assertThatThrownBy(() -> LakeRow.fromJson("{\"USER_ID\":\"u\"}")).hasMessageContaining("TIMESTAMP");
    }

    @Test
    void eventValueFormatting() {
        assertThat(LakeRow.formatValue(2.0)).isEqualTo("2");
        assertThat(LakeRow.formatValue(2.25)).isEqualTo("2.25");
        assertThat(LakeRow.formatValue(-1.0)).isEqualTo("-1");
    }

    @Test
    void columnsLookUpCaseInsensitively() {
        assertThat(LakeColumn.byName(" user_id ")).contains(LakeColumn.USER_ID);
        assertThat(LakeColumn.byName("nope")).isEmpty();
        assertThat(LakeColumn.PERSONALIZE_REQUIRED).containsExactly(LakeColumn.USER_ID, LakeColumn.ITEM_ID, LakeColumn.TIMESTAMP);
    }

    @Test
    void aNumericColumnThatIsNotANumberIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> LakeRow.fromMap(java.util.Map.of("USER_ID", "u", "ITEM_ID", "i", "EVENT_TYPE", "c",
                "EVENT_ID", "e", "TIMESTAMP", "secret-17")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("TIMESTAMP")
                .hasMessageNotContaining("secret-17");
        assertThatThrownBy(() -> LakeRow.fromMap(java.util.Map.of("USER_ID", "u", "ITEM_ID", "i", "EVENT_TYPE", "c",
                "EVENT_ID", "e", "TIMESTAMP", 1, "EVENT_VALUE", "secret-18")))
                .hasMessageContaining("EVENT_VALUE").hasMessageNotContaining("secret-18");
    }
}
