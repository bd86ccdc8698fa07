package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.aws.AwsSettings;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeRow;
import io.lakeloop.testkit.S3ProxyExtension;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Faults of issue 11 on the exporter's S3 path, each injected for real (a thrown Error, a lost HTTP response). */
class ExportFaultsIT {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    private static AwsSettings settings(URI endpoint) {
        return AwsSettings.forEndpoint(endpoint, S3.region(), S3.accessKey(), S3.secretKey());
    }

    private static void put(String key, byte[] data) {
        S3.client().putObject(b -> b.bucket("lake").key(key), RequestBody.fromBytes(data));
    }

    private static String read(String key) {
        return S3.client().getObjectAsBytes(b -> b.bucket("downstream").key(key)).asString(StandardCharsets.UTF_8);
    }

    /**
     * Item 11.10: a reader thread that throws an Error (here an AssertionError from the part's stream, on the
     * download/gunzip thread) fails the export instead of leaving the writer waiting forever, and the multipart
     * upload is aborted.
     */
    @Test
    @Timeout(120) // before the fix this hung
    void anErrorInAReaderThreadFailsTheExportAndAbortsTheUpload() {
        put("err/part-0.csv.gz", gzip(csv(rows("e", 250_000, 1000)))); // > 5 MiB of output: a part is uploaded
        put("err/part-1.csv.gz", gzip(csv(rows("f", 100_000, 1000))));
        put("err/part-2.csv.gz", gzip(csv(rows("g", 1000, 10))));
        ExportRequest request = ExportRequest.builder().source("s3://lake/err/").output("s3://downstream/err/out.csv")
                .aws(settings(S3.endpoint())).s3PartSize(5 * 1024 * 1024).build();

        assertThatThrownBy(() -> Exporter.run(request, Progress.Listener.NONE, s -> { },
                S3Clients.start(request), source -> new ErrorAfter(source, "part-1", 100_000)))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("s3://lake/err/part-1.csv.gz").hasMessageContaining("AssertionError");

        S3Client c = S3.client();
        assertThatThrownBy(() -> c.headObject(b -> b.bucket("downstream").key("err/out.csv")))
                .isInstanceOf(S3Exception.class);
        assertThat(c.listMultipartUploads(b -> b.bucket("downstream")).uploads()).isEmpty();
    }

    /**
     * Item 11.15: the CompleteMultipartUpload request reaches S3 and takes effect, but its response is lost on the
     * way back (a proxy closes the connection), every time the SDK tries (s3proxy completes a retried upload again,
     * S3 may answer NoSuchUpload; either way the client never hears). The object exists with this upload's bytes,
     * so the export succeeds — checked with a HEAD of the key (length and multipart ETag).
     */
    @Test
    void aLostCompleteMultipartUploadResponseIsCheckedWithHeadAndTheExportSucceeds() throws Exception {
        List<LakeRow> rows = rows("l", 250_000, 1000);
        put("lost/part-0.csv.gz", gzip(csv(rows)));
        S3.client().putObject(b -> b.bucket("downstream").key("lost/out.csv"), RequestBody.fromString("old run\n"));

        try (ResponseDroppingProxy proxy = new ResponseDroppingProxy(S3.endpoint(),
                line -> line.startsWith("POST ") && line.contains("uploadId="), Integer.MAX_VALUE)) {
            ExportResult result = Exporter.run(ExportRequest.builder().source("s3://lake/lost/")
                    .output("s3://downstream/lost/out.csv").aws(settings(proxy.endpoint()))
                    .s3PartSize(5 * 1024 * 1024).build());

            assertThat(proxy.dropped()).isGreaterThanOrEqualTo(1);
            assertThat(result.report().rowsOut()).isEqualTo(250_000);
        }
        assertThat(parse(read("lost/out.csv"))).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(S3.client().listMultipartUploads(b -> b.bucket("downstream")).uploads()).isEmpty();
    }

    /** A source whose part named {@code partMarker} throws an Error after {@code after} bytes. */
    private static final class ErrorAfter implements PartSource {
        private final PartSource delegate;
        private final String partMarker;
        private final long after;

        ErrorAfter(PartSource delegate, String partMarker, long after) {
            this.delegate = delegate;
            this.partMarker = partMarker;
            this.after = after;
        }

        @Override
        public List<PartRef> list() throws IOException {
            return new ArrayList<>(delegate.list());
        }

        @Override
        public InputStream open(PartRef part) throws IOException {
            InputStream in = delegate.open(part);
            if (!part.key().contains(partMarker)) {
                return in;
            }
            return new FilterInputStream(in) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= after) {
                        throw new AssertionError("injected");
                    }
                    int n = super.read(b, off, (int) Math.min(len, after - read));
                    read += Math.max(0, n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    throw new AssertionError("injected");
                }
            };
        }

        @Override
        public InputStream openRange(PartRef part, long offset, long length) throws IOException {
            return delegate.openRange(part, offset, length);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public String nameOf(PartRef part) {
            return delegate.nameOf(part);
        }
    }

}
