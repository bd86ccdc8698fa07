package io.lakeloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack the CLI did not start (docker-compose.yml's, {@code demo --target compose}), reached at the stack's ports on
 * 127.0.0.1: waits until every service answers and every connector runs, reads the connectors' configurations back
 * from the Connect REST API (the demo finds its buckets and dead-letter topics in them), and hands the demo a
 * {@link LocalStack} view that never starts or stops anything.
 */
final class ExternalStack {

    private final StackSettings settings;
    private final Console console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ExternalStack(StackSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    /** Waits up to {@code timeout} for the whole stack, then returns a view of it. */
    LocalStack attach(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        console.progress("Using the stack running at %s (Kafka), %s (Connect), %s (S3), %s (emulator), %s (collator)",
                settings.kafkaBootstrap(), settings.connectUrl(), settings.s3Endpoint(), settings.emulatorUrl(),
                settings.collatorUrl());
        List<String> created = Topics.ensure(settings.kafkaBootstrap(), remaining(deadline));
        if (!created.isEmpty()) {
            console.progress("  created topics %s", created);
        }
        awaitHttp(settings.emulatorUrl() + "/_emulator/health", "the Personalize emulator", deadline);
        awaitHttp(settings.collatorUrl() + "/ready", "the collator (RUNNING)", deadline);
        awaitHttp(settings.connectUrl() + "/connectors", "Kafka Connect", deadline);
        ConnectorDeployer connect = new ConnectorDeployer(settings.connectUrl());
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String name : connect.connectors()) {
            connect.awaitRunning(name, remaining(deadline));
            configs.put(name, connectorConfig(name));
        }
        console.progress("  connectors running: %s", String.join(", ", configs.keySet()));
        return LocalStack.external(settings, console, configs);
    }

    private Map<String, String> connectorConfig(String name) {
        String path = "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/config";
        HttpResponse<String> response = get(settings.connectUrl() + path);
        if (response == null || response.statusCode() != 200) {
            throw new StackException("GET " + path + " failed: "
                    + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
        }
        Map<String, String> config = new LinkedHashMap<>();
        try {
            JsonNode tree = RecordValues.JSON.readTree(response.body());
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                config.put(e.getKey(), e.getValue().asText());
            }
        } catch (IOException e) {
            throw new StackException("Connect answered something that is not JSON for " + path, e);
        }
        config.remove("name");
        return config;
    }

    private void awaitHttp(String url, String what, Instant deadline) {
        while (true) {
            HttpResponse<String> response = get(url);
            if (response != null && response.statusCode() == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("No ready answer from " + what + " at " + url + " ("
                        + (response == null ? "not reachable" : "HTTP " + response.statusCode()) + "). Is the stack "
                        + "up (docker-compose up -d) and are its ports the ones given (--kafka-port, --connect-port …)?");
            }
            ProcessSupervisor.pause(Duration.ofSeconds(1));
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the stack", e);
        }
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }
}
