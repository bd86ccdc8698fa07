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
        List<Raw> out = new ArrayList<>(events / shape.eventsPerRecord);
        stream(shape, events, baseMillis, seed).forEach(out::add);
        return out;
    }

    /** The records of {@link #generate}, made one at a time (for inputs too large to hold). */
    static Iterable<Raw> stream(Shape shape, int events, long baseMillis, int seed) {
        int records = events / shape.eventsPerRecord;
        return () -> new java.util.Iterator<>() {
            private int r;

            @Override
            public boolean hasNext() {
                return r < records;
            }

            @Override
            public Raw next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return record(shape, r++, baseMillis, seed);
            }
        };
    }

    private static Raw record(Shape shape, int r, long baseMillis, int seed) {
        String user = "user-" + ((r * 7919L + seed) % 10_000);
        StringBuilder sb = new StringBuilder(shape == Shape.FLAT ? 200 : 1200);
        long e = (long) r * shape.eventsPerRecord;
        if (shape == Shape.FLAT) {
            sb.append("{\"user_id\":\"").append(user).append("\",\"session_id\":\"sess-").append(r % 977)
                    .append("\",\"item_id\":\"item-").append(e % 5000).append("\",\"event_type\":\"click\"")
                    .append(",\"timestamp\":").append(baseMillis + e).append(",\"event_value\":1.5}");
        } else {
            sb.append("{\"user_id\":\"").append(user).append("\",\"session_id\":\"sess-").append(r % 977)
                    .append("\",\"event_list\":[");
            for (int i = 0; i < 10; i++, e++) {
                sb.append(i == 0 ? "" : ",").append("{\"eventType\":\"click\",\"itemId\":\"item-").append(e % 5000)
                        .append("\",\"sentAt\":").append(baseMillis + e).append(",\"eventValue\":1.5}");
            }
            sb.append("]}");
        }
        return new Raw(user.getBytes(StandardCharsets.UTF_8), sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
