package io.lakeloop.bench.core;

import io.lakeloop.event.InteractionParser;
import io.lakeloop.event.ParseResult;
import io.lakeloop.event.ValidationTarget;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the event model on the hot path of every component: parsing + validating a record, and rendering a
 * lake row. Run: {@code ./mvnw -q -pl bench/core-bench -am package -DskipTests && java -jar bench/core-bench/target/core-bench.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ParseBenchmark {

    private final InteractionParser parser = InteractionParser.defaults(ValidationTarget.LAKE);
    private final byte[] flat = ("{\"user_id\":\"user-12345\",\"session_id\":\"sess-987\",\"item_id\":\"item-555\","
            + "\"event_type\":\"click\",\"timestamp\":1700000000123,\"event_value\":1.5}").getBytes(StandardCharsets.UTF_8);
    private final byte[] batch = batchOf(10);
    private final LakeRow row = new LakeRow("user-12345", "item-555", 1_700_000_000L, "click", 1.5, "sess-987",
            "0123456789abcdef0123456789abcdef");

    private static byte[] batchOf(int n) {
        StringBuilder sb = new StringBuilder("{\"user_id\":\"user-12345\",\"session_id\":\"sess-987\",\"event_list\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"eventType\":\"click\",\"itemId\":\"item-").append(i)
                    .append("\",\"sentAt\":").append(1_700_000_000 + i).append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Events per second = ops per second. */
    @Benchmark
    public ParseResult flatEvent() {
        return parser.parse(flat);
    }

    /** Events per second = 10 × ops per second. */
    @Benchmark
    public ParseResult trackerBatchOf10() {
        return parser.parse(batch);
    }

    @Benchmark
    public void lakeRowJsonAndCsv(Blackhole bh) {
        bh.consume(row.toJson());
        bh.consume(row.toCsvLine(LakeColumn.ALL));
    }
}
