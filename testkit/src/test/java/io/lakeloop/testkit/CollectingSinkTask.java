package io.lakeloop.testkit;

import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Collects "topic:key=value" of each record; a value "poison" goes to the errant-record reporter (the DLQ). */
public final class CollectingSinkTask extends SinkTask {

    static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord r : records) {
            if ("poison".equals(r.value())) {
                context.errantRecordReporter().report(r, new DataException("poison value"));
            } else {
                RECEIVED.add(r.topic() + ":" + r.key() + "=" + r.value());
            }
        }
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
