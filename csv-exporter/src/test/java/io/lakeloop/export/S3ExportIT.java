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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ExportIT {

    private static S3ProxyServer s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer(List.of("lake", "downstream"));
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private static void put(String bucket, String key, byte[] data) {
        s3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    private static ExportRequest.Builder request(String source, String output) {
        return ExportRequest.builder().source(source).output(output).aws(s3.settings());
    }

    private static String read(String bucket, String key) {
        return s3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    @Test
    void readsAllFifteenHundredPartsPastTheFirstListingPage() throws Exception {
        List<LakeRow> all = new ArrayList<>();
        List<Future<?>> puts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int p = 0; p < 1500; p++) {
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
        assertThat(r.partsListed()).isEqualTo(1501);
        assertThat(r.partsRead()).isEqualTo(1500);
        assertThat(r.rowsOut()).isEqualTo(3000);
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
        String complete = sha256(s3.client().getObjectAsBytes(b -> b.bucket("downstream").key("atomic/out.csv"))
                .asByteArray());
        assertThat(seen.keySet()).as("observations").containsAnyOf("404").allMatch(o -> o.equals("404")
                || o.equals(complete));
        assertThat(seen.get("404")).isPositive();
        assertThat(result.report().rowsOut()).isEqualTo(300_000);
    }

    private static String observe(String key) {
        try {
            return sha256(s3.client().getObjectAsBytes(b -> b.bucket("downstream").key(key)).asByteArray());
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

        S3Client c = s3.client();
        assertThatThrownBy(() -> c.headObject(b -> b.bucket("downstream").key("fail/out.csv")))
                .isInstanceOf(S3Exception.class);
        assertThat(c.listObjectsV2(b -> b.bucket("downstream").prefix("fail/")).contents()).isEmpty();
        assertThat(c.listMultipartUploads(b -> b.bucket("downstream")).uploads()).isEmpty();
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
                .output("s3://downstream/" + LakeLayout.PERSONALIZE_INPUT_KEY).aws(s3.settings()).build());

        assertThat(parse(read("downstream", LakeLayout.PERSONALIZE_INPUT_KEY)))
                .isEqualTo(expected(today, LakeColumn.PERSONALIZE_REQUIRED));
    }
}
