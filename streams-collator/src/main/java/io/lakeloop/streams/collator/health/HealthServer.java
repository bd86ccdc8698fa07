package io.lakeloop.streams.collator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP endpoints, on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /health}: liveness. 200 unless Kafka Streams is in ERROR, PENDING_ERROR or NOT_RUNNING (503).</li>
 *   <li>{@code GET /ready}: readiness. 200 only when Kafka Streams is RUNNING, else 503.</li>
 *   <li>{@code GET /metrics}: Prometheus text exposition 0.0.4 ({@link CollatorMeters}).</li>
 * </ul>
 * Bodies of /health and /ready are {@code {"status":"UP|DOWN","state":"<KafkaStreams.State>"}}.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    static {
        // without TCP_NODELAY every response stalls ~40 ms on loopback (Nagle + delayed ACK); see stack.md
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the server on {@code host:port} (port 0 = any free port).
     *
     * @param state   the current Kafka Streams state
     * @param metrics renders the /metrics body
     */
    public static HealthServer start(String host, int port, Supplier<KafkaStreams.State> state,
                                     Supplier<String> metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "collator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", ex -> status(ex, state.get(), isAlive(state.get())));
        server.createContext("/ready", ex -> status(ex, state.get(), state.get() == KafkaStreams.State.RUNNING));
        server.createContext("/metrics", ex -> respond(ex, 200, CollatorMeters.CONTENT_TYPE, metrics.get()));
        server.start();
        LOG.info("health, readiness and metrics on http://{}:{}/", host, server.getAddress().getPort());
        return new HealthServer(server, executor);
    }

    static boolean isAlive(KafkaStreams.State state) {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void status(HttpExchange ex, KafkaStreams.State state, boolean up) throws IOException {
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}\n";
        respond(ex, up ? 200 : 503, "application/json", body);
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
