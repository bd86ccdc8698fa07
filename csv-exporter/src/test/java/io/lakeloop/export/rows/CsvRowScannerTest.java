package io.lakeloop.export.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvRowScannerTest {

    /** The word-at-a-time skip never passes a byte at or below ',' and stops only at one (or in the tail). */
    @Test
    void skipPlainStopsAtTheFirstDelimiterLikeByteEightBytesAtATime() {
        Random random = new Random(42);
        byte[] alphabet = "abcXYZ019-_.:/\u00e9\u4e2d".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] specials = {',', '"', '\n', '\r', ' ', '!', '+', 0, (byte) 0x2C, (byte) 0x2B};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)]
                        : random.nextInt(6) == 0 ? (byte) (0x80 + random.nextInt(128))
                        : alphabet[random.nextInt(alphabet.length)];
            }
            int start = random.nextInt(b.length);
            int r = CsvRowScanner.skipPlain(b, start, b.length);
            for (int i = start; i < r; i++) {
                assertThat(b[i] & 0xFF).as("skipped byte %d of %s", i, java.util.Arrays.toString(b))
                        .isGreaterThan(',');
            }
            int naive = start;
            while (naive < b.length && (b[naive] & 0xFF) > ',') {
                naive++;
            }
            if (naive + Long.BYTES <= b.length || r + Long.BYTES <= b.length) {
                assertThat(r).as("start %d in %s", start, java.util.Arrays.toString(b)).isEqualTo(naive);
            } else {
                assertThat(r).isLessThanOrEqualTo(naive).isGreaterThan(b.length - Long.BYTES);
            }
        }
    }

    @Test
    void findsFieldsOfQuotedAndPlainCellsAroundTheWordSkip() throws Exception {
        String row = "user-with-a-long-name-0123456789,\"it,em \"\"x\"\"\",1700000000,view,,s,e\r\nnext";
        ByteInput in = new ByteInput(new java.io.ByteArrayInputStream(
                row.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 256);
        in.fill();
        in.fill();
        CsvRowScanner s = new CsvRowScanner(in);
        assertThat(s.scanFilling()).isEqualTo(CsvRowScanner.ROW);
        assertThat(s.nFields).isEqualTo(7);
        assertThat(s.malformed).isFalse();
        s.content(1);
        assertThat(new String(s.cBuf, s.cOff, s.cLen, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("it,em \"x\"");
        s.content(0);
        assertThat(new String(s.cBuf, s.cOff, s.cLen, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("user-with-a-long-name-0123456789");
        assertThat(row.substring(s.nextStart)).isEqualTo("next");
    }
}
