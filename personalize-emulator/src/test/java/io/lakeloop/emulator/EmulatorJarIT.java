package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;

/** The runnable jar as users start it: {@code java -jar target/personalize-emulator.jar --port N}. */
class EmulatorJarIT {

    private static final Path JAR = Path.of("target", "personalize-emulator.jar");

    @TempDir
    Path dir;

    @Test
    void servesTheApiOnTheGivenPortUntilTerminated() throws Exception {
        assertThat(JAR).exists();
        int port = freePort();
        Path journal = dir.resolve("journal.jsonl");
        Path log = dir.resolve("emulator.log");
        Process process = new ProcessBuilder(javaExecutable(), "-jar", JAR.toString(), "--port", String.valueOf(port),
                "--tracking-id", "tracker-1", "--journal", journal.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> Sdk.get(endpoint, "/_emulator/health").statusCode() == 200);

            try (PersonalizeEventsClient client = Sdk.noRetry(endpoint)) {
                client.putEvents(r -> r.trackingId("tracker-1").userId("u-1").sessionId("s-1")
                        .eventList(Payloads.events(3)));
                assertThatThrownBy(() -> client.putEvents(r -> r.trackingId("tracker-2").sessionId("s")
                        .eventList(Payloads.events(1)))).isInstanceOf(ResourceNotFoundException.class);
            }

            String events = Sdk.get(endpoint, "/_emulator/events").body();
            assertThat(Json.MAPPER.readTree(events)).hasSize(3);
            assertThat(Files.readAllLines(journal)).hasSize(3);
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("listening on http://127.0.0.1:" + port)
                .doesNotContain("u-1").doesNotContain("Exception");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
