package io.lakeloop.connect.s3.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakeloop.aws.AwsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real SDK client of {@link S3ObjectStore} against a scripted HTTP endpoint: the encryption headers it sends, and
 * how S3's error answers are classified (what is retried, what fails the task and names the bucket).
 */
class S3ObjectStoreIT {

    private HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<int[]> status = new AtomicReference<>(new int[] {200});
    private final AtomicReference<String> body = new AtomicReference<>("");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.add(Map.copyOf(exchange.getRequestHeaders()));
        byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.getResponseHeaders().add("ETag", "\"etag\"");
        int code = status.get()[0];
        exchange.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private S3ObjectStore store(String sse, String kmsKey) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new S3ObjectStore(S3ObjectStore.client(AwsSettings.forEndpoint(endpoint, "us-east-1", "k", "s"), true),
                "lake", sse, kmsKey);
    }

    private String header(int request, String name) {
        return requests.get(request).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void sseKmsHeadersGoWithPutAndCreateMultipart() {
        try (S3ObjectStore store = store("aws:kms", "arn:aws:kms:eu-west-1:111122223333:key/abc")) {
            store.put("a/b.csv.gz", ByteChunks.of(new byte[] {1, 2, 3}), Map.of("lakeloop-start-offset", "0"),
                    "application/gzip");
            assertThat(header(0, "x-amz-server-side-encryption")).isEqualTo("aws:kms");
            assertThat(header(0, "x-amz-server-side-encryption-aws-kms-key-id"))
                    .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/abc");
            assertThat(header(0, "x-amz-meta-lakeloop-start-offset")).isEqualTo("0");

            body.set("<InitiateMultipartUploadResult><Bucket>lake</Bucket><Key>k</Key><UploadId>u1</UploadId>"
                    + "</InitiateMultipartUploadResult>");
            assertThat(store.createMultipart("k", Map.of(), "application/gzip")).isEqualTo("u1");
            assertThat(header(1, "x-amz-server-side-encryption")).isEqualTo("aws:kms");
        }
    }

    @Test
    void sseS3SendsAes256AndNoneSendsNothing() {
        try (S3ObjectStore store = store("AES256", null)) {
            store.put("k", ByteChunks.of(new byte[] {1}), Map.of(), "text/csv");
            assertThat(header(0, "x-amz-server-side-encryption")).isEqualTo("AES256");
        }
        try (S3ObjectStore store = store("none", null)) {
            store.put("k", ByteChunks.of(new byte[] {1}), Map.of(), "text/csv");
            assertThat(header(1, "x-amz-server-side-encryption")).isNull();
        }
    }

    @Test
    void throttlingAndServerErrorsAreTransientAccessDeniedAndMissingBucketAreNotAndNameTheBucket() {
        try (S3ObjectStore store = store("none", null)) {
            status.set(new int[] {503});
            body.set(error("SlowDown", "Please reduce your request rate."));
            assertThatThrownBy(() -> store.put("k", ByteChunks.of(new byte[] {1}), Map.of(), "text/csv"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.transientFailure()).isTrue());

            status.set(new int[] {500});
            body.set(error("InternalError", "We encountered an internal error."));
            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.transientFailure()).isTrue());

            status.set(new int[] {403});
            body.set(error("AccessDenied", "Access Denied"));
            assertThatThrownBy(() -> store.put("k", ByteChunks.of(new byte[] {1}), Map.of(), "text/csv"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("access denied to bucket 'lake'");

            status.set(new int[] {404});
            body.set(error("NoSuchBucket", "The specified bucket does not exist"));
            assertThatThrownBy(() -> store.put("k", ByteChunks.of(new byte[] {1}), Map.of(), "text/csv"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("bucket 'lake' does not exist");
        }
    }

    @Test
    void aStoppedEndpointIsATransientFailure() {
        try (S3ObjectStore store = store("none", null)) {
            server.stop(0);
            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.transientFailure()).isTrue());
        }
    }

    @Test
    void missingObjectsAreEmptyNotErrors() {
        try (S3ObjectStore store = store("none", null)) {
            status.set(new int[] {404});
            body.set(error("NoSuchKey", "The specified key does not exist."));
            assertThat(store.get("state.json")).isEmpty();
            body.set("");
            assertThat(store.head("obj")).isEmpty();
        }
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>r</RequestId></Error>";
    }
}
