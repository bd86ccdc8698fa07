package io.lakeloop.export;

import io.lakeloop.aws.AwsSettings;
import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API over HTTP in this JVM (s3proxy, in-memory store), as stack.md describes. Stands in for the testkit's
 * S3ProxyExtension until that lands on main.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "exporter-test-access";
    static final String SECRET_KEY = "exporter-test-secret";

    private final BlobStore store;
    private final S3Proxy proxy;
    private final S3Client client;

    S3ProxyServer(List<String> buckets) throws Exception {
        store = new TransientNio2BlobStore();
        buckets.forEach(store::createContainer);
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        client = S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(new IoRetryingHttpClient(UrlConnectionHttpClient.create())).build();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Settings as the exporter gets them from the environment: endpoint, region and static keys. */
    AwsSettings settings() {
        return AwsSettings.forEndpoint(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY);
    }

    S3Client client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        store.close();
    }
}
