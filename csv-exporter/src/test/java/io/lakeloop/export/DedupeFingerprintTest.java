package io.lakeloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.lake.LakeColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11.12: de-duplication fingerprints must not collide for keys built to collide. */
class DedupeFingerprintTest {

    @TempDir
    Path dir;

    /**
     * These two 16-byte EVENT_IDs had one fingerprint under the exporter's former home-made hash (a 64-bit
     * Murmur-style mix run with two seeds), whatever the seeds: the second block's input was chosen so that the
     * first block's difference (bit 36 before the rotation, bit 63 after it, which the multiplication by 5 keeps) is
     * cancelled. With it, the second row was dropped as a "duplicate" of the first.
     */
    @Test
    void keepsTwoEventIdsBuiltToCollideUnderTheFormerHash() throws Exception {
        byte[] first = "event-id-0000001".getBytes(StandardCharsets.US_ASCII);
        byte[] second = HexFormat.of().parseHex("05d6674cd0b9139c2d303030ad7dfeb3");
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes("USER_ID,ITEM_ID,TIMESTAMP,EVENT_ID\n".getBytes(StandardCharsets.US_ASCII));
        part.writeBytes("u1,i1,1700000000,".getBytes(StandardCharsets.US_ASCII));
        part.writeBytes(first);
        part.writeBytes("\nu2,i2,1700000001,".getBytes(StandardCharsets.US_ASCII));
        part.writeBytes(second);
        part.writeBytes("\nu3,i3,1700000002,".getBytes(StandardCharsets.US_ASCII));
        part.writeBytes(first); // a real duplicate is still dropped
        part.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("p.csv"), part.toByteArray());
        Path out = dir.resolve("out.csv");

        ExportResult r = Exporter.run(ExportRequest.builder().source(src.toString()).output(out.toString())
                .columns(LakeColumn.PERSONALIZE_REQUIRED).dedupe(Dedupe.EVENT_ID).build());

        assertThat(TestParts.parse(out)).isEqualTo(List.of(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"),
                List.of("u1", "i1", "1700000000"), List.of("u2", "i2", "1700000001")));
        assertThat(r.report().duplicatesDropped()).isEqualTo(1);
    }
}
