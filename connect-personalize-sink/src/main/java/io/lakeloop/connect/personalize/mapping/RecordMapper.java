package io.lakeloop.connect.personalize.mapping;

import org.apache.kafka.connect.sink.SinkRecord;

/** Turns a Kafka record into what one Personalize operation sends. Stateless and thread-safe. */
public interface RecordMapper {

    Mapped map(SinkRecord record);
}
