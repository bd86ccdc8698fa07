package io.lakeloop.export.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSinkTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nothingAppearsAtTheTargetBeforeCommitAndTheOldFileStaysUntilThen() throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        LocalFileSink sink = new LocalFileSink(target, b("H\r\n"));
        sink.write(b("row1\r\n"), 0, 6);
        assertThat(Files.readString(target)).isEqualTo("old");

        sink.commit();

        assertThat(Files.readString(target)).isEqualTo("H\r\nrow1\r\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void abortLeavesNoFileBehind() throws Exception {
        Path target = dir.resolve("sub/out.csv");
        LocalFileSink sink = new LocalFileSink(target, b("H\r\n"));
        sink.write(b("row\r\n"), 0, 5);

        sink.abort();

        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    /** Item 11.15: the rename is only durable once the directory is synced; it must happen after the move. */
    @Test
    void syncsTheDirectoryAfterTheRename() throws Exception {
        Path target = dir.resolve("sub/out.csv");
        List<String> synced = new ArrayList<>();
        LocalFileSink sink = new LocalFileSink(target, b("H\r\n"), d -> {
            synced.add(d + " holds out.csv: " + Files.exists(d.resolve("out.csv")));
            LocalFileSink.FSYNC.sync(d); // the real fsync of a directory works here
        });

        sink.commit();

        assertThat(synced).containsExactly(target.getParent() + " holds out.csv: true");
    }
}
