package io.lakeloop.connect.personalize.metrics;

/**
 * The task's metrics over JMX, under
 * {@code io.lakeloop.connect.personalize:type=personalize-sink-task-metrics,connector=<name>,task=<index>}.
 * Counters are totals since the task started.
 */
public interface SinkTaskMetricsMBean {

    /** Kafka records the task was given. */
    long getRecordsIn();

    /** Events (or items, users, actions, action interactions) Personalize accepted. */
    long getRecordsSent();

    /** API calls made, every attempt counted. */
    long getCalls();

    /** Calls answered with throttling (429). */
    long getThrottledCalls();

    /** Attempts that were retries of a failed call. */
    long getRetries();

    /** Records routed to the dead-letter queue (or logged when none is configured). */
    long getDeadLettered();

    /** Dead letters written without key and value because they would not fit (dead.letter.max.payload.bytes). */
    long getDeadLetteredWithoutPayload();

    /** Calls in flight now. */
    int getInFlight();

    /** Records taken and not yet handed on (their offsets are not committed yet). */
    int getBufferedRecords();

    /** About how many bytes the records taken and not yet handed on hold (bounded by max.buffered.bytes). */
    long getBufferedBytes();

    /** Mean latency of the recent calls, in milliseconds. */
    double getCallLatencyAvgMs();

    /** 99th percentile latency of the recent calls, in milliseconds. */
    double getCallLatencyP99Ms();
}
