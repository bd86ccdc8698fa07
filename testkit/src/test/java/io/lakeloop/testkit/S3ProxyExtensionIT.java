package io.lakeloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ProxyExtensionIT {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    @RegisterExtension
    static final S3ProxyExtension S3_ON_DISK = S3ProxyExtension.create().withBuckets("disk").withFilesystemStore();

    @Test
    void createsTheLakeBucketsAtStart() {
        assertThat(S3.client().listBuckets().buckets()).extracting(b -> b.name())
                .containsExactlyInAnyOrder("upstream", "lake", "downstream");
    }

    @Test
    void listsMoreThanOneThousandKeysAcrossPages() {
        List<String> expected = IntStream.range(0, 1_005).mapToObj(i -> String.format("many/part-%05d.json", i)).toList();
        expected.forEach(key -> S3.putObject("upstream", key, "{}"));
        S3.putObject("upstream", "other/x.json", "{}");

        assertThat(S3.listKeys("upstream", "many/")).containsExactlyElementsOf(expected);
    }

    @Test
    void readsGzippedAndPlainObjectsAsText() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("USER_ID,ITEM_ID\nu1,i1\n".getBytes(StandardCharsets.UTF_8));
        }
        S3.client().putObject(b -> b.bucket("lake").key("t/dt=2024-01-01/part-0.csv.gz"),
                RequestBody.fromBytes(gz.toByteArray()));
        S3.putObject("lake", "t/plain.csv", "a,b\n");

        assertThat(S3.readObject("lake", "t/dt=2024-01-01/part-0.csv.gz")).isEqualTo("USER_ID,ITEM_ID\nu1,i1\n");
        assertThat(S3.readObject("lake", "t/plain.csv")).isEqualTo("a,b\n");
    }

    @Test
    void completesAMultipartUpload() {
        S3Client s3 = S3.client();
        byte[] part1 = new byte[5 * 1024 * 1024];
        Arrays.fill(part1, (byte) 'a');
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        String id = s3.createMultipartUpload(b -> b.bucket("downstream").key("big.csv")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int n = 1;
        for (byte[] part : List.of(part1, part2)) {
            int number = n++;
            String etag = s3.uploadPart(b -> b.bucket("downstream").key("big.csv").uploadId(id).partNumber(number),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket("downstream").key("big.csv").uploadId(id)
                .multipartUpload(m -> m.parts(parts)));

        byte[] stored = S3.readBytes("downstream", "big.csv");
        assertThat(stored).hasSize(part1.length + part2.length);
        assertThat(new String(stored, part1.length, part2.length, StandardCharsets.UTF_8)).isEqualTo("tail");
        assertThat(s3.listObjectsV2(b -> b.bucket("downstream").prefix("big")).contents())
                .extracting(S3Object::size).containsExactly((long) stored.length);
    }

    @Test
    void stopRefusesConnectionsAndRestartServesTheSameDataOnTheSamePort() {
        outageKeepsData(S3, "upstream");
    }

    @Test
    void filesystemStoreSurvivesARestartToo() {
        outageKeepsData(S3_ON_DISK, "disk");
    }

    private static void outageKeepsData(S3ProxyExtension s3, String bucket) {
        s3.putObject(bucket, "before-outage.txt", "kept");
        var endpoint = s3.endpoint();

        s3.stop();
        assertThat(s3.isServing()).isFalse();
        assertThatThrownBy(() -> s3.readObject(bucket, "before-outage.txt")).isInstanceOf(SdkClientException.class);

        s3.restart();
        assertThat(s3.endpoint()).isEqualTo(endpoint);
        assertThat(s3.readObject(bucket, "before-outage.txt")).isEqualTo("kept");
        s3.putObject(bucket, "after-outage.txt", "new");
        assertThat(s3.listKeys(bucket, "")).contains("before-outage.txt", "after-outage.txt");
    }
}
