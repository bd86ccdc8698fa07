package io.lakeloop.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch sees objects the way s3proxy's filesystem store writes them: a temporary file renamed into place. */
class ObjectWriteWatchTest {

    @TempDir
    Path dir;

    @Test
    void countsEachCompletedWriteOnceAndNamesTheObjectsWrittenTwice() throws IOException {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        put(lake, "t/dt=2026-01-01/old.csv.gz", "written before the watch");
        try (ObjectWriteWatch watch = new ObjectWriteWatch(Map.of(lake, "lake"),
                (bucket, key) -> key.startsWith("t/"))) {
            put(lake, "t/dt=2026-01-02/interactions+0+0.csv.gz", "a");
            put(lake, "t/dt=2026-01-02/interactions+1+0.csv.gz", "b");
            // a new folder is watched from the moment its creation is seen: the rewrite comes after that, as the
            // rewrite of a crashed sink would (seconds later)
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> watch.objectsWritten() == 2);
            put(lake, "t/dt=2026-01-02/interactions+0+0.csv.gz", "a again");
            put(lake, "_lakeloop/s3-sink-state/lake/interactions/0.json", "state objects are rewritten by design");
            put(lake, "_lakeloop/s3-sink-state/lake/interactions/0.json", "state objects are rewritten by design");

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(watch.objectsWritten()).isEqualTo(3);
                assertThat(watch.writtenTwice()).containsOnlyKeys("lake/t/dt=2026-01-02/interactions+0+0.csv.gz");
            });
            assertThat(watch.visibleAt("lake", "t/dt=2026-01-02/interactions+1+0.csv.gz")).isPresent();
            assertThat(watch.visibleAt("lake", "t/dt=2026-01-01/old.csv.gz")).isPresent();
            assertThat(watch.visibleAt("lake", "t/missing.csv.gz")).isEmpty();
            assertThat(watch.complete()).isTrue();
        }
    }

    /** Like s3proxy: the bytes go to {@code <name>-<uuid>}, which is then renamed to the object's name. */
    private static void put(Path bucket, String key, String body) throws IOException {
        Path target = bucket.resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + "-" + java.util.UUID.randomUUID());
        Files.writeString(temporary, body, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
