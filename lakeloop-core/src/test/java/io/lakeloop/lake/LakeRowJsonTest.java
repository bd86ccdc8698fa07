package io.lakeloop.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.RecordValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written JSON form is exactly what Jackson writes for the row's tree, and reads back to the same row. */
class LakeRowJsonTest {

    private static String jackson(LakeRow row) throws Exception {
        return RecordValues.JSON.writeValueAsString(row.toJsonNode());
    }

    @Test
    void everyCharacterFromNulToTheLastAsciiAndBeyondIsWrittenAsJacksonWritesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("ünïcødé-用户-🎧\u2028\u2029\ufeff\"\\/");
        LakeRow row = new LakeRow(all.toString(), "i", 1_700_000_000L, "click", 1.5, all.reverse().toString(), "e");

        assertThat(row.toJson()).isEqualTo(jackson(row));
        assertThat(LakeRow.fromJson(row.toJson())).isEqualTo(row);
    }

    @Test
    void nullsNumbersAndRandomTextAgreeWithJackson() throws Exception {
        Random random = new Random(42);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 1.5, 2.0, 1e20, 1e-7, 3.4e38, -123.456,
                Double.MIN_VALUE, (double) Float.MAX_VALUE));
        for (int i = 0; i < 200; i++) {
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
        }
        for (Double v : values) {
            LakeRow row = new LakeRow(text(random), text(random), random.nextLong() & Long.MAX_VALUE, text(random),
                    random.nextBoolean() ? v : null, random.nextBoolean() ? null : text(random), text(random));
            assertThat(row.toJson()).isEqualTo(jackson(row));
            assertThat(LakeRow.fromJson(row.toJson())).isEqualTo(row);
        }
    }

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            sb.append(kind == 0 ? (char) random.nextInt(0x20) : kind == 1 ? (char) (0x20 + random.nextInt(0x60))
                    : kind == 2 ? (char) (0xA0 + random.nextInt(0x2000)) : '"');
        }
        return sb.toString();
    }
}
