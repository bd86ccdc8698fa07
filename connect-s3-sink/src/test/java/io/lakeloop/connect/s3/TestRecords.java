package io.lakeloop.connect.s3;

import io.lakeloop.connect.s3.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records, configs and object readers shared by the unit tests. */
public final class TestRecords {

    private TestRecords() {
    }

    /** For writers that must never ask Connect to redeliver (no state object in their store). */
    public static final io.lakeloop.connect.s3.write.Seeker NO_SEEK = (tp, offset) -> {
        throw new AssertionError("unexpected seek of " + tp + " to " + offset);
    };

    public static SinkRecord json(String topic, int partition, long offset, String value, long timestamp) {
        return new SinkRecord(topic, partition, null, "user-" + offset, null, value, offset, timestamp,
                TimestampType.CREATE_TIME);
    }

    /** A record whose value names it: {@code {"id":"<topic>/<partition>/<offset>"}}. */
    public static SinkRecord numbered(String topic, int partition, long offset, long timestamp) {
        return json(topic, partition, offset, "{\"id\":\"" + topic + "/" + partition + "/" + offset + "\"}", timestamp);
    }

    public static Map<String, String> config(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("name", "test-sink");
        m.put("s3.bucket", "test-bucket");
        m.put("s3.key.prefix", "crm/dashboard_interaction/latest/");
        m.put("s3.key.hive.dataset", "crm_derived_restricted");
        m.put("s3.key.hive.table", "t200_dashboard_interaction");
        m.put("aws.credentials.provider", "static");
        m.put("aws.access.key.id", "k");
        m.put("aws.secret.access.key", "s");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The text of an object: gunzipped when {@code gzip}, Zstandard frames recognised by their magic number. */
    public static String text(byte[] bytes, boolean gzip) {
        if (bytes.length >= 4 && (bytes[0] & 0xff) == 0x28 && (bytes[1] & 0xff) == 0xb5 && (bytes[2] & 0xff) == 0x2f
                && (bytes[3] & 0xff) == 0xfd) {
            try (var in = new io.airlift.compress.zstd.ZstdInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!gzip) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every data object (state objects excluded). */
    public static List<String> lines(InMemoryObjectStore store, boolean gzip) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, InMemoryObjectStore.Stored> e : store.objects().entrySet()) {
            if (e.getKey().startsWith("_lakeloop/")) {
                continue;
            }
            for (String line : text(e.getValue().bytes(), gzip).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private long millis;

        public MutableClock(long millis) {
            this.millis = millis;
        }

        public void advance(long ms) {
            millis += ms;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
