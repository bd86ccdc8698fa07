package io.lakeloop.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 endpoint in the JVM (s3proxy over HTTP with SigV2/V4 auth) on an ephemeral port, with buckets created at
 * start and an SDK v2 client ready for assertions. {@link #stop()} / {@link #restart()} take the endpoint down and up
 * again on the same port with the data intact, for outage tests.
 *
 * <pre>{@code
 * @RegisterExtension static final S3ProxyExtension S3 = S3ProxyExtension.create(); // upstream, lake, downstream
 * sinkConfig.put("s3.endpoint", S3.endpoint().toString()); // + S3.accessKey(), S3.secretKey(), S3.region()
 * List<String> keys = S3.listKeys("upstream", "crm/"); String csv = S3.readObject("lake", keys.get(0));
 * }</pre>
 */
public final class S3ProxyExtension extends ClassScopedExtension {

    /** The lake's three zones (design.md). */
    public static final List<String> DEFAULT_BUCKETS = List.of("upstream", "lake", "downstream");

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyExtension.class);

    private final String accessKey = "lakeloop-test-access";
    private final String secretKey = "lakeloop-test-secret";
    private List<String> buckets = DEFAULT_BUCKETS;
    private Path fixedDirectory;
    private boolean onFilesystem;

    private Path directory;
    private boolean ownsDirectory;
    private BlobStore blobStore;
    private S3Proxy proxy;
    private int port;
    private S3Client client;

    private S3ProxyExtension() {
    }

    /** Buckets {@link #DEFAULT_BUCKETS}, data in memory (kept across {@link #stop()}/{@link #restart()}). */
    public static S3ProxyExtension create() {
        return new S3ProxyExtension();
    }

    /** The buckets to create at start, instead of the default three; call before start. */
    public S3ProxyExtension withBuckets(String... names) {
        this.buckets = List.of(names);
        return this;
    }

    /** Keeps the objects as files in a temporary directory (deleted at close) instead of in memory. */
    public S3ProxyExtension withFilesystemStore() {
        this.onFilesystem = true;
        return this;
    }

    /** Keeps the objects as files under {@code dir} (an existing directory, left in place at close). */
    public S3ProxyExtension withFilesystemStore(Path dir) {
        this.onFilesystem = true;
        this.fixedDirectory = Objects.requireNonNull(dir);
        return this;
    }

    @Override
    protected void doStart() throws Exception {
        long t0 = System.nanoTime();
        blobStore = newBlobStore();
        buckets.forEach(blobStore::createContainer);
        serve(0);
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(AwsClients.httpClient(AwsSettings.defaults()))
                .build();
        LOG.info("s3proxy up at {} with buckets {} in {} ms", endpoint(), buckets, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        stopServer();
        if (blobStore != null) {
            blobStore.close();
            blobStore = null;
        }
        if (ownsDirectory) {
            deleteRecursively(directory);
        }
    }

    /**
     * Takes the endpoint down (clients get connection refused) and keeps the data and the port; {@link #restart()}
     * brings it back. Not to be confused with {@link #close()}, which ends everything.
     */
    public synchronized void stop() {
        requireRunning();
        try {
            stopServer();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop s3proxy", e);
        }
        LOG.info("s3proxy stopped (port {} kept)", port);
    }

    /** Serves again on the same port, with the same objects. Does nothing when it is serving already. */
    public synchronized void restart() {
        requireRunning();
        if (proxy != null) {
            return;
        }
        try {
            serve(port);
        } catch (Exception e) {
            throw new IllegalStateException("could not restart s3proxy on port " + port, e);
        }
        LOG.info("s3proxy restarted on port {}", port);
    }

    /** True unless taken down by {@link #stop()}. */
    public synchronized boolean isServing() {
        return proxy != null;
    }

    /** {@code http://127.0.0.1:PORT}: use with path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Always {@code us-east-1}. */
    public String region() {
        return Region.US_EAST_1.id();
    }

    /** The buckets created at start. */
    public List<String> buckets() {
        return buckets;
    }

    /**
     * A shared SDK client: path-style, static credentials, URL-connection HTTP whose wrapped I/O errors are retried
     * (see {@code IoRetryingHttpClient}); owned here: do not close it.
     */
    public S3Client client() {
        requireRunning();
        return client;
    }

    /** Every key under {@code prefix} in {@code bucket}, in S3 order, following continuation tokens. */
    public List<String> listKeys(String bucket, String prefix) {
        return client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The object's bytes exactly as stored. */
    public byte[] readBytes(String bucket, String key) {
        return client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** The object as UTF-8 text, gunzipped first when it is gzip (by its magic bytes, whatever its name). */
    public String readObject(String bucket, String key) {
        byte[] bytes = readBytes(bucket, key);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not gunzip s3://" + bucket + "/" + key, e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Stores a UTF-8 text object. */
    public void putObject(String bucket, String key, String content) {
        client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    private BlobStore newBlobStore() throws IOException {
        if (!onFilesystem) {
            return new TransientNio2BlobStore();
        }
        ownsDirectory = fixedDirectory == null;
        directory = ownsDirectory ? Files.createTempDirectory("testkit-s3proxy-") : fixedDirectory;
        return new FilesystemNio2BlobStore(directory.toString());
    }

    private void serve(int onPort) throws Exception {
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        s3.start();
        proxy = s3;
        port = s3.getPort();
    }

    private void stopServer() throws Exception {
        if (proxy != null) {
            S3Proxy s3 = proxy;
            proxy = null;
            s3.stop();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
