package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.expected;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.gzipMembers;
import static io.lakeloop.export.TestParts.jsonLines;
import static io.lakeloop.export.TestParts.parse;
import static io.lakeloop.export.TestParts.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.aws.AwsSettings;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeLayout;
import io.lakeloop.lake.LakeRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.lakeloop.testkit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ExportIT {

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.create();

    /** The exporter's S3 settings as the environment would give them: endpoint, region, static keys. */
    static AwsSettings settings() {
        return AwsSettings.forEndpoint(S3.endpoint(), S3.region(), S3.accessKey(), S3.secretKey());
    }

    private static void put(String bucket, String key, byte[] data) {
        S3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    private static ExportRequest.Builder request(String source, String output) {
        return ExportRequest.builder().source(source).output(output).aws(settings());
    }

    private static String read(String bucket, String key) {
        return S3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    /** One more than a ListObjectsV2 page holds (1,000 keys), and the marker: the listing must take a second page. */
    private static final int PARTS_PAST_ONE_PAGE = 1_001;

    @Test
    void readsEveryPartPastTheFirstListingPage() throws Exception {
        List<LakeRow> all = new ArrayList<>();
        List<Future<?>> puts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int p = 0; p < PARTS_PAST_ONE_PAGE; p++) {
                List<LakeRow> part = rows("p" + p + "-", 2, 2);
                all.addAll(part);
                byte[] body = switch (p % 4) {
                    case 0 -> gzip(csv(part));
                    case 1 -> csv(part);
                    case 2 -> gzip(jsonLines(part));
                    default -> gzipMembers(csv(part.subList(0, 1)), csv(part.subList(1, 2), LakeColumn.ALL, false));
                };
                String key = String.format("big/dt=2024-01-01/part-%05d.csv.gz", p);
                puts.add(pool.submit(() -> put("lake", key, body)));
            }
            put("lake", "big/dt=2024-01-01/_SUCCESS", new byte[0]);
            for (Future<?> f : puts) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }

        ExportResult result = Exporter.run(request("s3://lake/big/dt=2024-01-01/", "s3://downstream/big.csv").build());

        assertThat(parse(read("downstream", "big.csv"))).isEqualTo(expected(all, LakeColumn.PERSONALIZE_REQUIRED));
        ValidationReport r = result.report();
        assertThat(r.partsListed()).isEqualTo(PARTS_PAST_ONE_PAGE + 1);
        assertThat(r.partsRead()).isEqualTo(PARTS_PAST_ONE_PAGE);
        assertThat(r.rowsOut()).isEqualTo(2L * PARTS_PAST_ONE_PAGE);
        assertThat(ValidationReport.fromJson(read("downstream", "big.csv.report.json"))).isEqualTo(r);
    }

    @Test
    void streamsAMultiPartUploadAndReadsLargeMultiMemberGzipOverHttp() throws Exception {
        List<LakeRow> first = rows("a", 100_000, 500);
        List<LakeRow> second = rows("b", 100_000, 500);
        put("lake", "mm/part-0.gz", gzipMembers(csv(first), csv(second, LakeColumn.ALL, false)));
        put("lake", "mm/part-1.csv", csv(second));

        ExportResult result = Exporter.run(request("s3://lake/mm/", "s3://downstream/mm/out.csv")
                .s3PartSize(5 * 1024 * 1024).build());

        List<LakeRow> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(second);
        assertThat(result.report().bytesOut()).isGreaterThan(5L * 1024 * 1024); // two upload parts at least
        assertThat(parse(read("downstream", "mm/out.csv"))).isEqualTo(expected(all, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(result.report().usersWithTwoOrMoreInteractions().value()).isEqualTo(1000);
    }

    @Test
    void aConcurrentReaderSeesNothingOrTheWholeObjectNeverAPart() throws Exception {
        List<LakeRow> rows = rows("c", 150_000, 1000);
        for (int p = 0; p < 2; p++) {
            put("lake", "atomic/part-" + p + ".csv.gz", gzip(csv(rows)));
        }
        ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicBoolean exporting = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (exporting.get()) {
                seen.merge(observe("atomic/out.csv"), 1, Integer::sum);
            }
        });
        reader.start();
        ExportResult result;
        try {
            result = Exporter.run(request("s3://lake/atomic/", "s3://downstream/atomic/out.csv")
                    .s3PartSize(5 * 1024 * 1024).build());
        } finally {
            exporting.set(false);
            reader.join(60_000);
        }
        String complete = sha256(S3.client().getObjectAsBytes(b -> b.bucket("downstream").key("atomic/out.csv"))
                .asByteArray());
        assertThat(seen.keySet()).as("observations").containsAnyOf("404").allMatch(o -> o.equals("404")
                || o.equals(complete));
        assertThat(seen.get("404")).isPositive();
        assertThat(result.report().rowsOut()).isEqualTo(300_000);
    }

    private static String observe(String key) {
        try {
            return sha256(S3.client().getObjectAsBytes(b -> b.bucket("downstream").key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return "404";
        }
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedExportLeavesNoFinalKeyAndNoDanglingUpload() {
        List<LakeRow> rows = rows("f", 250_000, 1000);
        put("lake", "fail/part-0.csv.gz", gzip(csv(rows))); // > 5 MiB of output: an upload part is sent
        put("lake", "fail/part-2.csv", "USER_ID,TIMESTAMP,ITEM_ID\nu,1,i\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Exporter.run(request("s3://lake/fail/", "s3://downstream/fail/out.csv")
                .s3PartSize(5 * 1024 * 1024).build()))
                .isInstanceOf(ExportException.class).hasMessageContaining("s3://lake/fail/part-2.csv");

        S3Client c = S3.client();
        assertThatThrownBy(() -> c.headObject(b -> b.bucket("downstream").key("fail/out.csv")))
                .isInstanceOf(S3Exception.class);
        assertThat(c.listObjectsV2(b -> b.bucket("downstream").prefix("fail/")).contents()).isEmpty();
        assertThat(c.listMultipartUploads(b -> b.bucket("downstream")).uploads()).isEmpty();
    }

    /** The output is opened while the source is listed; a source without data parts must abort it again. */
    @Test
    void anEmptySourceLeavesNoOutputAndNoDanglingUpload() {
        put("lake", "empty/_SUCCESS", new byte[0]);

        assertThatThrownBy(() -> Exporter.run(request("s3://lake/empty/", "s3://downstream/empty/out.csv").build()))
                .isInstanceOf(ExportException.class).hasMessageContaining("no data parts under s3://lake/empty/");

        S3Client c = S3.client();
        assertThat(c.listObjectsV2(b -> b.bucket("downstream").prefix("empty/")).contents()).isEmpty();
        assertThat(c.listMultipartUploads(b -> b.bucket("downstream")).uploads()).isEmpty();
    }

    @Test
    void folderModeWritesBoundedObjectsUnderThePrefixAndTheReportBesideIt() throws Exception {
        List<LakeRow> rows = rows("fo", 30_000, 300);
        put("lake", "folder/part-0.csv.gz", gzip(csv(rows)));

        ExportResult result = Exporter.run(request("s3://lake/folder/", "s3://downstream/folder/out/")
                .folder(300_000).build());

        List<String> keys = S3.listKeys("downstream", "folder/out/");
        assertThat(keys).hasSizeGreaterThan(2).allMatch(k -> k.matches("folder/out/part-\\d{5}\\.csv"));
        assertThat(result.files()).isEqualTo(keys.stream().map(k -> "s3://downstream/" + k).toList());
        List<List<String>> all = new ArrayList<>();
        for (String key : keys) {
            assertThat(S3.readBytes("downstream", key).length).isLessThanOrEqualTo(300_000);
            List<List<String>> records = parse(read("downstream", key));
            assertThat(records.get(0)).isEqualTo(List.of("USER_ID", "ITEM_ID", "TIMESTAMP"));
            all.addAll(all.isEmpty() ? records : records.subList(1, records.size()));
        }
        assertThat(all).isEqualTo(expected(rows, LakeColumn.PERSONALIZE_REQUIRED));
        assertThat(ValidationReport.fromJson(read("downstream", "folder/out.report.json")).rowsOut())
                .isEqualTo(30_000);
    }

    @Test
    void resolvesALakeAddressThroughTheLayout() throws Exception {
        List<LakeRow> today = rows("t", 30, 3);
        put("lake", "crm_derived_restricted/t200_dashboard_interaction/dt=2024-03-01/part-0.csv.gz", gzip(csv(today)));
        put("lake", "crm_derived_restricted/t200_dashboard_interaction/dt=2024-03-02/part-0.csv.gz",
                gzip(csv(rows("other", 5, 1))));
        LakeLayout layout = LakeLayout.ofBuckets("upstream", "lake", "downstream");
        DataAddress address = new DataAddress("crm_derived_restricted", "t200_dashboard_interaction",
                LocalDate.parse("2024-03-01"), "prod");

        Exporter.run(ExportRequest.builder().source(layout, address)
                .output("s3://downstream/" + LakeLayout.PERSONALIZE_INPUT_KEY).aws(settings()).build());

        assertThat(parse(read("downstream", LakeLayout.PERSONALIZE_INPUT_KEY)))
                .isEqualTo(expected(today, LakeColumn.PERSONALIZE_REQUIRED));
    }
}
