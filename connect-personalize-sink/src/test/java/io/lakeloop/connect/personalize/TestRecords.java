package io.lakeloop.connect.personalize;

import io.lakeloop.connect.personalize.client.Entry;
import io.lakeloop.connect.personalize.mapping.GroupKey;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records and entries for unit tests. */
public final class TestRecords {

    private TestRecords() {
    }

    public static SinkRecord record(String topic, int partition, long offset, Object value) {
        return new SinkRecord(topic, partition, null, null, null, value, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME);
    }

    public static Entry entry(String user, String session, long offset, Object payload) {
        PendingRecord origin = PendingRecord.of(record("t", 0, offset, "{}"), 1);
        return new Entry(origin, new GroupKey(user, session), payload, 0);
    }
}
