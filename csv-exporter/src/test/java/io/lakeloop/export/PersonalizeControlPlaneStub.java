package io.lakeloop.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakeloop.event.RecordValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny stand-in for the Personalize control plane (awsJson1_1: {@code POST /} with
 * {@code X-Amz-Target: AmazonPersonalize.<Operation>}): CreateDatasetImportJob records the request and returns an
 * ARN; DescribeDatasetImportJob walks through the statuses it was given. The project's emulator covers only the
 * events API, so this covers the two calls the exporter makes.
 */
final class PersonalizeControlPlaneStub implements AutoCloseable {

    static final String JOB_ARN = "arn:aws:personalize:us-east-1:123456789012:dataset-import-job/stub-job";

    private final HttpServer server;
    private final Deque<String> statuses;
    private final String failureReason;
    final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
    final List<String> targets = new CopyOnWriteArrayList<>();

    PersonalizeControlPlaneStub(List<String> statuses, String failureReason) throws IOException {
        this.statuses = new ConcurrentLinkedDeque<>(statuses);
        this.failureReason = failureReason;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = RecordValues.JSON.readTree(ex.getRequestBody().readAllBytes());
        targets.add(target);
        ObjectNode response = RecordValues.JSON.createObjectNode();
        if ("AmazonPersonalize.CreateDatasetImportJob".equals(target)) {
            createRequests.add(body);
            response.put("datasetImportJobArn", JOB_ARN);
        } else if ("AmazonPersonalize.DescribeDatasetImportJob".equals(target)) {
            String status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
            ObjectNode job = response.putObject("datasetImportJob");
            job.put("datasetImportJobArn", body.path("datasetImportJobArn").asText());
            job.put("status", status);
            if (status.contains("FAILED")) {
                job.put("failureReason", failureReason);
            }
        } else {
            send(ex, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
            return;
        }
        send(ex, 200, RecordValues.JSON.writeValueAsString(response));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
