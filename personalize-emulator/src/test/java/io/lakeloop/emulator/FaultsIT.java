package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lakeloop.emulator.EmulatorStats.Fault;
import io.lakeloop.emulator.FaultSettings.LatencyDistribution;
import io.lakeloop.emulator.FaultSettings.OutageMode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/** Injected throttling, 5xx, latency and outages; a faulted call never records anything. */
class FaultsIT {

    private PersonalizeEmulator emulator;
    private PersonalizeEventsClient client;

    @BeforeEach
    void start() {
        emulator = PersonalizeEmulator.builder().seed(42).requestsPerSecond(Operation.PUT_EVENTS, 0).build().start();
        client = Sdk.noRetry(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void throttlesEveryCallAtRatioOne() {
        emulator.faults().set(FaultSettings.none().withThrottleRatio(1.0));

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.isThrottlingException()).isTrue();
            });
        }

        assertThat(emulator.recorded().events()).isEmpty();
        assertThat(emulator.stats().snapshot().injected(Fault.THROTTLE)).isEqualTo(10);
    }

    @Test
    void failsTheConfiguredShareOfCallsWith5xxAndRecordsOnlyTheOthers() {
        emulator.faults().set(FaultSettings.none().withErrorRatio(0.5));
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 60; i++) {
            try {
                putEvent();
                ok++;
            } catch (PersonalizeEventsException e) {
                assertThat(e.statusCode()).isIn(500, 503);
                failed++;
            }
        }

        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(emulator.recorded().events()).hasSize(ok);
        assertThat(emulator.stats().snapshot().injected(Fault.ERROR)).isEqualTo(failed);
    }

    @Test
    void addsAtLeastTheConfiguredLatency() {
        emulator.faults().set(FaultSettings.none().withLatency(300, 50, LatencyDistribution.UNIFORM));

        long start = System.nanoTime();
        putEvent();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        assertThat(emulator.recorded().events()).hasSize(1);
    }

    @Test
    void isControlledOverHttp() throws IOException {
        HttpResponse<String> set = Sdk.post(emulator.endpoint(), "/_emulator/faults",
                "{\"errorRatio\":1.0,\"latencyMs\":5}", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(Sdk.get(emulator.endpoint(), "/_emulator/faults").body())
                .get("errorRatio").asDouble()).isEqualTo(1.0);

        assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class,
                e -> assertThat(e.statusCode()).isGreaterThanOrEqualTo(500));

        assertThat(Sdk.delete(emulator.endpoint(), "/_emulator/faults").statusCode()).isEqualTo(200);
        putEvent();
        assertThat(emulator.recorded().events()).hasSize(1);
        assertThat(Json.MAPPER.readTree(Sdk.get(emulator.endpoint(), "/_emulator/stats").body())
                .at("/injectedFaults/ERROR").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsInvalidFaultSettingsOverHttp() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/_emulator/faults",
                "{\"throttleRatio\":1.5}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("throttleRatio");
        assertThat(emulator.faults().current()).isEqualTo(FaultSettings.none());
    }

    @Test
    void refusesConnectionsDuringAnOutageThenServesOnTheSamePort() {
        int port = emulator.port();
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/_emulator/faults",
                "{\"outageSeconds\":3,\"outageMode\":\"refuse\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(this::putEvent);

        assertThat(emulator.port()).isEqualTo(port);
        assertThat(emulator.recorded().events()).hasSize(1);
    }

    @Test
    void answers503DuringAnUnavailableOutageThenServes() {
        emulator.faults().outage(Duration.ofMillis(800), OutageMode.UNAVAILABLE);

        assertThatThrownBy(this::putEvent).isInstanceOfSatisfying(PersonalizeEventsException.class,
                e -> assertThat(e.statusCode()).isEqualTo(503));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(this::putEvent);

        assertThat(emulator.recorded().events()).hasSize(1);
        assertThat(emulator.stats().snapshot().injected(Fault.OUTAGE_503)).isPositive();
    }

    private void putEvent() {
        client.putEvents(r -> r.trackingId("tracker-1").sessionId("s").eventList(Payloads.event().build()));
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
