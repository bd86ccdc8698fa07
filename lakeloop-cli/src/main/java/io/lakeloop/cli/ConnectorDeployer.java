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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys connectors through the Connect REST API, as a user would: {@code PUT /connectors/<name>/config} (create or
 * update, idempotent), then waits until the connector and every task are {@code RUNNING}. A rebalance in progress
 * (409) or a worker still starting is retried until the timeout; a task that {@code FAILED} is reported with the first
 * line of its trace.
 */
public final class ConnectorDeployer {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectorDeployer(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    }

    /** A connector's state and its tasks' states, as {@code GET /connectors/<name>/status} reports them. */
    public record Status(String connectorState, List<String> taskStates, String firstTrace) {
        public boolean running() {
            return "RUNNING".equals(connectorState) && !taskStates.isEmpty()
                    && taskStates.stream().allMatch("RUNNING"::equals);
        }

        public boolean failed() {
            return "FAILED".equals(connectorState) || taskStates.contains("FAILED");
        }
    }

    public void deploy(String name, Map<String, String> config, Duration timeout) {
        String body = RecordValues.JSON.valueToTree(config).toString();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Response response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (response.status() == 200 || response.status() == 201) {
                return;
            }
            boolean retriable = response.status() == 409 || response.status() >= 500 || response.status() < 0;
            if (!retriable || Instant.now().isAfter(deadline)) {
                throw new StackException("Connect refused connector " + name + " (HTTP " + response.status() + "): "
                        + response.body());
            }
            ProcessSupervisor.pause(Duration.ofMillis(500));
        }
    }

    public Status status(String name) {
        Response response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status")).GET());
        if (response.status() != 200) {
            return new Status(response.status() == 404 ? "ABSENT" : "UNKNOWN", List.of(), response.body());
        }
        JsonNode tree = parse(response.body());
        List<String> tasks = new ArrayList<>();
        String trace = tree.path("connector").path("trace").asText("");
        for (JsonNode task : tree.path("tasks")) {
            tasks.add(task.path("state").asText());
            if (trace.isEmpty() && task.has("trace")) {
                trace = task.path("trace").asText();
            }
        }
        return new Status(tree.path("connector").path("state").asText("UNKNOWN"), tasks, trace);
    }

    /** Waits until {@code name} and all its tasks run; fails fast when one of them failed. */
    public void awaitRunning(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Status status = status(name);
        while (!status.running()) {
            if (status.failed()) {
                throw new StackException("Connector " + name + " failed: " + firstLine(status.firstTrace())
                        + " (full trace: GET " + baseUrl + "/connectors/" + name + "/status)");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("Connector " + name + " is not running after " + timeout.toSeconds()
                        + " s: " + status);
            }
            ProcessSupervisor.pause(Duration.ofMillis(300));
            status = status(name);
        }
    }

    public List<String> connectors() {
        Response response = send(HttpRequest.newBuilder(uri("/connectors")).GET());
        if (response.status() != 200) {
            throw new StackException("GET /connectors answered " + response.status() + ": " + response.body());
        }
        List<String> names = new ArrayList<>();
        parse(response.body()).forEach(n -> names.add(n.asText()));
        return names;
    }

    private record Response(int status, String body) {
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while talking to Connect", e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode parse(String body) {
        try {
            return RecordValues.JSON.readTree(body);
        } catch (IOException e) {
            throw new StackException("Connect answered something that is not JSON: " + body, e);
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
