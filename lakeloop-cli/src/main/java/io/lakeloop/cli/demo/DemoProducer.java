package io.lakeloop.cli.demo;

import io.lakeloop.cli.StackException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the demo's records to the interactions topic as a real producer does: idempotent, acks=all, keyed by user,
 * with the event time as record timestamp. Counts what the broker acknowledged.
 */
public final class DemoProducer implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public DemoProducer(String bootstrap, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lakeloop-demo");
        // a broker restart mid-run is one of the demo's faults: keep retrying through it rather than fail a record
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code records} and waits until the broker acknowledged all of them. */
    public void send(List<DemoRecord> records) {
        for (DemoRecord record : records) {
            sendAsync(record, partition -> { });
        }
        flush();
        rethrowFailure();
    }

    /** Hands one record to the producer; {@code acknowledged} gets its partition once the broker has it. */
    public void sendAsync(DemoRecord record, IntConsumer acknowledged) {
        producer.send(new ProducerRecord<>(topic, null, record.timestampMs(), record.key(), record.value()),
                (metadata, exception) -> {
                    if (exception == null) {
                        acked.incrementAndGet();
                        acknowledged.accept(metadata.partition());
                    } else {
                        failure.compareAndSet(null, exception);
                    }
                });
    }

    /** Waits until every record handed over so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Fails when the broker refused a record (after the producer's own retries). */
    public void rethrowFailure() {
        if (failure.get() != null) {
            throw new StackException("Producing to " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    public long acked() {
        return acked.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
