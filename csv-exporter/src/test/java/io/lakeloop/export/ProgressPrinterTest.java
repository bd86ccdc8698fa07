package io.lakeloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static final Progress HALF = new Progress(50L << 20, 100L << 20, 1234, 3, 6, 5_000_000_000L);
    private static final Progress DONE = new Progress(100L << 20, 100L << 20, 2468, 6, 6, 10_000_000_000L);

    @Test
    void theTerminalBarShowsBytesRowsRateAndEta() {
        assertThat(ProgressPrinter.bar(HALF)).isEqualTo(
                "[##############..............]  50% 50.0 MiB/100.0 MiB 1,234 rows 10.0 MiB/s ETA 0:05  ");
    }

    @Test
    void withoutATerminalItPrintsPlainLinesAtItsIntervalAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 3_600_000);

        p.progress(HALF); // within the interval: nothing
        p.progress(DONE); // the last one always

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "progress: 100% 100.0 MiB of 100.0 MiB read, 6 of 6 parts, 2468 rows, 10.0 MiB/s, ETA 0:00"
                        + System.lineSeparator());
    }

    @Test
    void formatsSizesAndEtas() {
        assertThat(ProgressPrinter.size(1023)).isEqualTo("1023 B");
        assertThat(ProgressPrinter.size(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(ProgressPrinter.eta(3725)).isEqualTo("1:02:05");
        assertThat(ProgressPrinter.eta(-1)).isEqualTo("--:--");
    }
}
