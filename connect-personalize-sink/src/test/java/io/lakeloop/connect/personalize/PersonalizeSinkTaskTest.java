package io.lakeloop.connect.personalize;

import static io.lakeloop.connect.personalize.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lakeloop.connect.personalize.client.BatchCall;
import io.lakeloop.connect.personalize.client.CallFactory;
import io.lakeloop.connect.personalize.config.PersonalizeSinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;

class PersonalizeSinkTaskTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicPartition P0 = new TopicPartition("t", 0);

    private final List<Event> sent = new CopyOnWriteArrayList<>();
    private PersonalizeSinkTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    private PersonalizeSinkTask start(BatchCall call, FakeContext context, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "unit");
        props.put(PersonalizeSinkConfig.TRACKING_ID_CONFIG, "tracker");
        props.put(PersonalizeSinkConfig.BATCH_LINGER_CONFIG, "0");
        props.put(PersonalizeSinkConfig.RETRY_INITIAL_CONFIG, "1");
        props.put(PersonalizeSinkConfig.RETRY_MAX_CONFIG, "5");
        props.putAll(extra);
        task = new PersonalizeSinkTask(config -> new CallFactory.Opened(call, () -> { }), Duration.ofMillis(300));
        task.initialize(context.context());
        task.start(props);
        return task;
    }

    private BatchCall recording() {
        return batch -> batch.entries().forEach(e -> sent.add((Event) e.payload()));
    }

    private static String event(String user, String session, String type) {
        return "{\"user_id\":\"" + user + "\",\"session_id\":\"" + session + "\",\"event_type\":\"" + type
                + "\",\"timestamp\":1700000000}";
    }

    private Map<TopicPartition, OffsetAndMetadata> commit(long upTo) {
        return task.preCommit(Map.of(P0, new OffsetAndMetadata(upTo)));
    }

    @Test
    void commitsOffsetsOnlyOncePersonalizeAcceptedTheRecords() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        start(batch -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recording().send(batch);
        }, new FakeContext(Set.of(P0), true), Map.of());

        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(record("t", 0, 100 + i, event("u" + (i % 2), "s", "e" + i)));
        }
        task.put(records);

        assertThat(commit(125)).containsEntry(P0, new OffsetAndMetadata(100));
        gate.countDown();
        await().atMost(WAIT).until(() -> sent.size() == 25);
        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(125)).containsEntry(P0, new OffsetAndMetadata(125)));
        assertThat(task.metrics().total("records-in")).isEqualTo(25);
        assertThat(task.metrics().total("records-sent")).isEqualTo(25);
        // u0 has 13 events: one call of 10 and one of 3, in order
        assertThat(sent).filteredOn(e -> Integer.parseInt(e.eventType().substring(1)) % 2 == 0)
                .extracting(Event::eventType).containsExactly("e0", "e2", "e4", "e6", "e8", "e10", "e12", "e14",
                        "e16", "e18", "e20", "e22", "e24");
    }

    @Test
    void badRecordsGoToTheDeadLetterQueueWithTheirReasonAndTheirOffsetsMoveOn() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(recording(), context, Map.of("errors.tolerance", "all"));

        task.put(List.of(record("t", 0, 0, event("u", "s", "ok")),
                record("t", 0, 1, "{\"user_id\":\"u\",\"session_id\":\"s\",\"timestamp\":1700000000}"),
                record("t", 0, 2, "not json")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(3)).containsEntry(P0, new OffsetAndMetadata(3)));
        assertThat(sent).extracting(Event::eventType).containsExactly("ok");
        assertThat(context.reported).hasSize(2);
        assertThat(context.reported.get(0).record().headers().lastWithName(DeadLetters.REASON_CODE_HEADER).value())
                .isEqualTo("MISSING_FIELD");
        assertThat(context.reported.get(0).record().kafkaOffset()).isEqualTo(1);
        assertThat(context.reported.get(1).record().headers().lastWithName(DeadLetters.REASON_CODE_HEADER).value())
                .isEqualTo("UNDECODABLE");
        assertThat(context.reported.get(1).error().getMessage()).startsWith("UNDECODABLE: ");
        assertThat(task.metrics().total("records-dead-lettered")).isEqualTo(2);
    }

    @Test
    void withoutToleranceABadRecordFailsTheTaskNamingItsPositionAndReason() {
        start(recording(), new FakeContext(Set.of(P0), true), Map.of());

        assertThatThrownBy(() -> task.put(List.of(record("t", 0, 7, "{\"user_id\":\"u\"}"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("t/0/7").hasMessageContaining("MISSING_FIELD")
                .hasMessageContaining("errors.tolerance");
        assertThat(commit(8)).containsEntry(P0, new OffsetAndMetadata(7));
    }

    @Test
    void recordsPersonalizeRejectsAreIsolatedAndDeadLettered() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(batch -> {
            if (batch.entries().stream().anyMatch(e -> ((Event) e.payload()).eventType().equals("poison"))) {
                throw (InvalidInputException) InvalidInputException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidInputException")
                                .errorMessage("rejected").build()).build();
            }
            recording().send(batch);
        }, context, Map.of("errors.tolerance", "all"));

        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("t", 0, i, event("u", "s", i == 4 ? "poison" : "e" + i)));
        }
        task.put(records);

        await().atMost(WAIT).untilAsserted(() -> {
            task.put(List.of()); // the task thread routes service rejections to the reporter
            assertThat(commit(10)).containsEntry(P0, new OffsetAndMetadata(10));
        });
        assertThat(sent).hasSize(9);
        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record().kafkaOffset()).isEqualTo(4);
            assertThat(r.record().headers().lastWithName(DeadLetters.REASON_CODE_HEADER).value())
                    .isEqualTo(DeadLetters.SERVICE_REJECTED);
        });
    }

    @Test
    void aFatalErrorFailsTheNextPutAndKeepsTheOffsets() {
        start(batch -> {
            throw AwsServiceException.builder().statusCode(403)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        }, new FakeContext(Set.of(P0), true), Map.of());

        task.put(List.of(record("t", 0, 0, event("u", "s", "a"))));

        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> task.put(List.of()))
                .isInstanceOf(ConnectException.class).hasMessageContaining("PutEvents tracker")
                .hasMessageContaining("AccessDenied"));
        assertThat(commit(1)).containsEntry(P0, new OffsetAndMetadata(0));
    }

    @Test
    void withToleranceButNoReporterBadRecordsAreCountedAndSkipped() {
        start(recording(), new FakeContext(Set.of(P0), false), Map.of("errors.tolerance", "all"));

        task.put(List.of(record("t", 0, 0, "[]"), record("t", 0, 1, event("u", "s", "ok"))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(2)).containsEntry(P0, new OffsetAndMetadata(2)));
        assertThat(task.metrics().total("records-dead-lettered")).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aFullBufferHoldsPutBackAndThenAsksConnectToRedeliver() {
        CountDownLatch gate = new CountDownLatch(1);
        start(batch -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recording().send(batch);
        }, new FakeContext(Set.of(P0), true), Map.of(PersonalizeSinkConfig.MAX_BUFFERED_CONFIG, "5"));
        List<SinkRecord> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(record("t", 0, i, event("u" + i, "s", "e" + i)));
        }
        task.put(first); // taken whole: the buffer was empty

        assertThatThrownBy(() -> task.put(List.of(record("t", 0, 10, event("u", "s", "late")))))
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("max.buffered.records=5");
        assertThat(commit(11)).containsEntry(P0, new OffsetAndMetadata(0));

        gate.countDown();
        task.put(List.of(record("t", 0, 10, event("u", "s", "late")))); // Connect redelivers; now there is room
        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(11)).containsEntry(P0, new OffsetAndMetadata(11)));
        assertThat(sent).hasSize(11);
    }

    @Test
    void withoutToleranceARecordPersonalizeRejectsFailsTheTaskEvenWhenPreCommitSeesItFirst() {
        start(batch -> {
            throw (InvalidInputException) InvalidInputException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidInputException")
                            .errorMessage("Value 'secret-user' is bad").build()).build();
        }, new FakeContext(Set.of(P0), true), Map.of());

        task.put(List.of(record("t", 0, 3, event("secret-user", "s", "a"))));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(commit(4)).containsEntry(P0, new OffsetAndMetadata(3));
            assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("t/0/3").hasMessageContaining(DeadLetters.SERVICE_REJECTED)
                    .hasMessageNotContaining("secret-user");
        });
    }

    private static String header(FakeContext.Reported r, String name) {
        var h = r.record().headers().lastWithName(name);
        return h == null ? null : String.valueOf(h.value());
    }

    /**
     * Issue 11 item 15: a tracker batch with one rejected event went whole to the DLQ although its good events were
     * sent, so replaying the dead letters sent them twice. Only the rejected event goes now.
     */
    @Test
    void aTrackerBatchWithOneBadEventDeadLettersOnlyThatEvent() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(recording(), context, Map.of("errors.tolerance", "all"));
        String batch = "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"a\",\"itemId\":\"i0\",\"sentAt\":1700000000},"
                + "{\"itemId\":\"i1\",\"sentAt\":1700000001},"
                + "{\"eventType\":\"c\",\"itemId\":\"i2\",\"sentAt\":1700000002}]}";

        task.put(List.of(record("t", 0, 0, batch)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(1)).containsEntry(P0, new OffsetAndMetadata(1)));
        assertThat(sent).extracting(Event::eventType).containsExactly("a", "c");
        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record().value()).isEqualTo("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                    + "{\"itemId\":\"i1\",\"sentAt\":1700000001}]}");
            assertThat(header(r, DeadLetters.EVENT_INDEX_HEADER)).isEqualTo("1");
            assertThat(header(r, DeadLetters.REASON_CODE_HEADER)).isEqualTo("MISSING_FIELD");
            assertThat(header(r, DeadLetters.SOURCE_OFFSET_HEADER)).isEqualTo("0");
        });
    }

    @Test
    void anEventPersonalizeRejectsIsDeadLetteredAloneAndABatchRejectedWholeGoesAsItIs() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(batch -> {
            if (batch.entries().stream().anyMatch(e -> ((Event) e.payload()).eventType().equals("poison"))) {
                throw (InvalidInputException) InvalidInputException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidInputException")
                                .errorMessage("rejected").build()).build();
            }
            recording().send(batch);
        }, context, Map.of("errors.tolerance", "all"));
        String partly = "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"a\",\"sentAt\":1700000000},{\"eventType\":\"poison\",\"sentAt\":1700000001}]}";
        String wholly = "{\"user_id\":\"v\",\"session_id\":\"s\",\"event_list\":["
                + "{\"eventType\":\"poison\",\"sentAt\":1700000002}]}";

        task.put(List.of(record("t", 0, 0, partly), record("t", 0, 1, wholly)));

        await().atMost(WAIT).untilAsserted(() -> {
            task.put(List.of());
            assertThat(commit(2)).containsEntry(P0, new OffsetAndMetadata(2));
        });
        assertThat(sent).extracting(Event::eventType).containsExactly("a");
        assertThat(context.reported).hasSize(2);
        assertThat(context.reported).filteredOn(r -> r.record().kafkaOffset() == 0).singleElement().satisfies(r -> {
            assertThat(r.record().value()).isEqualTo("{\"user_id\":\"u\",\"session_id\":\"s\",\"event_list\":["
                    + "{\"eventType\":\"poison\",\"sentAt\":1700000001}]}");
            assertThat(header(r, DeadLetters.EVENT_INDEX_HEADER)).isEqualTo("1");
            assertThat(header(r, DeadLetters.REASON_CODE_HEADER)).isEqualTo(DeadLetters.SERVICE_REJECTED);
        });
        assertThat(context.reported).filteredOn(r -> r.record().kafkaOffset() == 1).singleElement()
                .satisfies(r -> assertThat(r.record().value()).isEqualTo(wholly));
    }

    @Test
    void aDeadLetterTooLargeForTheDeadLetterTopicIsWrittenWithoutKeyAndValueButWithItsPosition() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(recording(), context, Map.of("errors.tolerance", "all", "dead.letter.max.payload.bytes", "100000"));

        task.put(List.of(record("t", 0, 9, "<" + "x".repeat(200_000) + ">")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(10)).containsEntry(P0, new OffsetAndMetadata(10)));
        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record().value()).isNull();
            assertThat(header(r, DeadLetters.REASON_CODE_HEADER)).isEqualTo("UNDECODABLE");
            assertThat(header(r, DeadLetters.PAYLOAD_DROPPED_HEADER)).contains("200002 bytes");
            assertThat(header(r, DeadLetters.SOURCE_TOPIC_HEADER)).isEqualTo("t");
            assertThat(header(r, DeadLetters.SOURCE_PARTITION_HEADER)).isEqualTo("0");
            assertThat(header(r, DeadLetters.SOURCE_OFFSET_HEADER)).isEqualTo("9");
        });
        assertThat(task.metrics().total("records-dead-lettered-without-payload")).isEqualTo(1);
    }

    /** Issue 11 item 9: the buffer is bounded by bytes, not only by records. */
    @Test
    void aFullByteBudgetHoldsPutBackAndThenAsksConnectToRedeliver() {
        CountDownLatch gate = new CountDownLatch(1);
        start(batch -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recording().send(batch);
        }, new FakeContext(Set.of(P0), true), Map.of(PersonalizeSinkConfig.MAX_BUFFERED_BYTES_CONFIG, "1048576"));
        String padding = "x".repeat(200_000);
        List<SinkRecord> big = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // about 3 x 800 KB held: far above the 1 MiB budget, only 3 records
            big.add(record("t", 0, i, "{\"user_id\":\"u" + i + "\",\"session_id\":\"s\",\"event_type\":\"e\","
                    + "\"timestamp\":1700000000,\"pad\":\"" + padding + "\"}"));
        }
        task.put(big);

        assertThat((long) task.metrics().value("buffered-bytes")).isGreaterThan(1_048_576);
        assertThatThrownBy(() -> task.put(List.of(record("t", 0, 3, event("u", "s", "late")))))
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("max.buffered.bytes=1048576");
        gate.countDown();
        task.put(List.of(record("t", 0, 3, event("u", "s", "late"))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(4)).containsEntry(P0, new OffsetAndMetadata(4)));
        assertThat(sent).hasSize(4);
        assertThat((long) task.metrics().value("buffered-bytes")).isZero();
    }

    @Test
    void aPartialBatchAsksConnectToPollAgainWhenItsLingerEndsAndGoesOutOnThatPut() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(recording(), context, Map.of(PersonalizeSinkConfig.BATCH_LINGER_CONFIG, "200"));

        task.put(List.of(record("t", 0, 0, event("u", "s", "view"))));

        assertThat(sent).isEmpty();
        assertThat(context.timeouts).singleElement().satisfies(ms -> assertThat(ms).isBetween(1L, 201L));
        // the polls Connect then makes find nothing: put gets an empty collection and sends the batch once it is due
        await().atMost(WAIT).untilAsserted(() -> {
            task.put(List.of());
            assertThat(sent).extracting(Event::eventType).containsExactly("view");
        });
        int asked = context.timeouts.size();
        task.put(List.of());
        assertThat(context.timeouts).as("nothing is open any more: no early poll asked for").hasSize(asked);
        await().atMost(WAIT).untilAsserted(() -> assertThat(commit(1)).containsEntry(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void fullBatchesAskForNoEarlyPoll() {
        FakeContext context = new FakeContext(Set.of(P0), true);
        start(recording(), context, Map.of(PersonalizeSinkConfig.BATCH_LINGER_CONFIG, "60000"));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("t", 0, i, event("u", "s", "e" + i)));
        }

        task.put(records);

        assertThat(context.timeouts).isEmpty();
        await().atMost(WAIT).until(() -> sent.size() == 10);
    }
}
