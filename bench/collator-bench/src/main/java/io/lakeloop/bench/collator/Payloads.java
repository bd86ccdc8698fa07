package io.lakeloop.bench.collator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw records for the benchmarks: flat events, or tracker batches of ten events, every event distinct and without a
 * producer id (so each one pays for its content-derived id: the conservative case), 10,000 users, timestamps in
 * epoch milliseconds near {@code baseMillis}.
 */
final class Payloads {

    enum Shape {
        FLAT(1), BATCH10(10);

        final int eventsPerRecord;

        Shape(int eventsPerRecord) {
            this.eventsPerRecord = eventsPerRecord;
        }
    }

    record Raw(byte[] key, byte[] value) {
    }

    private Payloads() {
    }

    /** As {@link #generate(Shape, int, long, int)}, each record keyed by a key unrelated to its user. */
    static List<Raw> unkeyed(Shape shape, int events, long baseMillis, int seed) {
        List<Raw> keyed = generate(shape, events, baseMillis, seed);
        List<Raw> out = new ArrayList<>(keyed.size());
        for (int i = 0; i < keyed.size(); i++) {
            out.add(new Raw(("k-" + i).getBytes(StandardCharsets.UTF_8), keyed.get(i).value()));
        }
        return out;
    }

    static List<Raw> generate(Shape shape, int events, long baseMillis, int seed) {
        int records = events / shape.eventsPerRecord;
        List<Raw> out = new ArrayList<>(records);
        int e = 0;
        for (int r = 0; r < records; r++) {
            String user = "user-" + ((r * 7919L + seed) % 10_000);
            StringBuilder sb = new StringBuilder(shape == Shape.FLAT ? 200 : 1200);
            if (shape == Shape.FLAT) {
                sb.append("{\"user_id\":\"").append(user).append("\",\"session_id\":\"sess-").append(r % 977)
                        .append("\",\"item_id\":\"item-").append(e % 5000).append("\",\"event_type\":\"click\"")
                        .append(",\"timestamp\":").append(baseMillis + e).append(",\"event_value\":1.5}");
                e++;
            } else {
                sb.append("{\"user_id\":\"").append(user).append("\",\"session_id\":\"sess-").append(r % 977)
                        .append("\",\"event_list\":[");
                for (int i = 0; i < 10; i++, e++) {
                    sb.append(i == 0 ? "" : ",").append("{\"eventType\":\"click\",\"itemId\":\"item-").append(e % 5000)
                            .append("\",\"sentAt\":").append(baseMillis + e).append(",\"eventValue\":1.5}");
                }
                sb.append("]}");
            }
            out.add(new Raw(user.getBytes(StandardCharsets.UTF_8), sb.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
