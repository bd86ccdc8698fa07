package io.lakeloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeloop.event.TimestampUnit;
import io.lakeloop.export.rows.Chunk;
import io.lakeloop.export.rows.ChunkPool;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.source.LocalPartSource;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PartPipelineTest {

    @TempDir
    Path dir;

    /**
     * Many parts of very different sizes, gzipped and plain, read by more threads than the tiny read-ahead budget
     * has chunks: the writer still gets every row once, in part order, and the chunks never exceed the bound.
     */
    @Test
    @Timeout(60) // a deadlock fails here instead of hanging the build
    void keepsPartOrderAndEveryRowWithATinyReadAheadBudget() throws Throwable {
        StringBuilder expected = new StringBuilder();
        long rowsWritten = 0;
        for (int p = 0; p < 30; p++) {
            int count = (p * 7919) % 1700; // 0 .. 1699 rows, part 0 empty
            List<LakeRow> rows = TestParts.rows("p" + p, count, 13);
            byte[] csv = TestParts.csv(rows);
            Files.write(dir.resolve(String.format("part-%03d.csv%s", p, p % 3 == 0 ? "" : ".gz")),
                    p % 3 == 0 ? csv : TestParts.gzip(csv));
            for (LakeRow r : rows) {
                expected.append(r.userId()).append(',').append(r.itemId()).append(',').append(r.timestamp())
                        .append("\r\n");
            }
            rowsWritten += count;
        }
        LocalPartSource source = new LocalPartSource(dir);
        List<PartRef> parts = source.list();
        RowRules rules = new RowRules(LakeColumn.PERSONALIZE_REQUIRED, TimestampUnit.AUTO, Clock.systemUTC(),
                Dedupe.NONE);
        ChunkPool pool = new ChunkPool(2048, 32, 2);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rowsIn = 0;
        long rowsOut = 0;
        try (PartPipeline pipeline = new PartPipeline(source, rules, parts, pool, 4, 7)) {
            for (int i = 0; i < parts.size(); i++) {
                BlockingQueue<PartPipeline.Message> q = pipeline.next(i);
                boolean done = false;
                while (!done) {
                    PartPipeline.Message m = q.take();
                    if (m instanceof PartPipeline.Rows r) {
                        Chunk c = r.chunk();
                        out.write(c.data(), 0, c.length());
                        rowsOut += c.rows();
                        pool.give(c);
                    } else if (m instanceof PartPipeline.Done d) {
                        rowsIn += d.rowsIn();
                        assertThat(d.rejections().total()).isZero();
                        done = true;
                    } else if (m instanceof PartPipeline.Failed f) {
                        throw f.error();
                    }
                }
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(rowsIn).isEqualTo(rowsWritten);
        assertThat(rowsOut).isEqualTo(rowsWritten);
        assertThat(pool.allocated()).isLessThanOrEqualTo(pool.budget() + ChunkPool.HEAD_EXTRA);
    }
}
