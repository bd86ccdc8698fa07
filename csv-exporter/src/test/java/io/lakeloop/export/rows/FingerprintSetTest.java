package io.lakeloop.export.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintSetTest {

    @TempDir
    Path spill;

    @Test
    void staysExactWhenItSpillsToTheMappedFile() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long[] a = new long[50_000];
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextLong();
            b[i] = random.nextLong();
        }
        try (FingerprintSet set = new FingerprintSet(1000, spill)) {
            for (int i = 0; i < a.length; i++) {
                assertThat(set.add(a[i], b[i])).isTrue();
            }
            assertThat(set.spilled()).isTrue(); // the file is unlinked at once on Linux (DELETE_ON_CLOSE)
            for (int i = 0; i < a.length; i++) {
                assertThat(set.add(a[i], b[i])).as("second add of %d", i).isFalse();
                assertThat(set.add(a[i], ~b[i])).as("a different fingerprint sharing a half").isTrue();
            }
            assertThat(set.size()).isEqualTo(2L * a.length);
        }
        try (Stream<Path> files = Files.list(spill)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void staysOnTheHeapBelowItsBound() {
        try (FingerprintSet set = new FingerprintSet(10_000, spill)) {
            for (int i = 0; i < 5000; i++) {
                set.add(i, i * 31L);
            }
            assertThat(set.spilled()).isFalse();
            assertThat(set.add(4999, 4999 * 31L)).isFalse();
        }
    }
}
