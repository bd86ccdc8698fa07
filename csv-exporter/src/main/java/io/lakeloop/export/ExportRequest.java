package io.lakeloop.export;

import io.lakeloop.aws.AwsSettings;
import io.lakeloop.event.TimestampUnit;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.rows.TextOptions;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One export: where the parts are, where the CSV goes, which columns, and the knobs. Build with {@link #builder()}.
 *
 * @param aws            S3 settings (default: the environment, {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL})
 * @param personalizeAws Personalize settings for the import job (default: the environment,
 *                       {@code AWS_ENDPOINT_URL_PERSONALIZE} or {@code AWS_ENDPOINT_URL})
 * @param s3 an S3 client to use (the caller keeps owning it), or {@code null} to build one from {@code aws}
 */
public record ExportRequest(
        Location source,
        Location output,
        List<LakeColumn> columns,
        boolean folder,
        long maxFileBytes,
        Dedupe dedupe,
        TimestampUnit timestampUnit,
        int threads,
        int window,
        int exactDistinctLimit,
        int dedupeHeapKeys,
        Path spillDir,
        int s3PartSize,
        int s3Uploaders,
        AwsSettings aws,
        AwsSettings personalizeAws,
        S3Client s3,
        ImportJobRequest importJob,
        Clock clock,
        double maxRejectedRatio,
        TextOptions text) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
    public static final int DEFAULT_DEDUPE_HEAP_KEYS = 1 << 20;
    /** Parts read from S3 in parallel beyond the cores by default, so one part's request latency idles no core. */
    public static final int S3_EXTRA_THREADS = 1;
    /**
     * Rejected rows allowed, as a share of the rows read, before the export fails and publishes nothing: a part
     * that is not what it seems (binary, another format, the wrong delimiter) rejects all or nearly all its rows,
     * and must never replace a good output with an empty one.
     */
    public static final double DEFAULT_MAX_REJECTED_RATIO = 0.01;

    public ExportRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        columns = List.copyOf(columns);
        Objects.requireNonNull(dedupe, "dedupe");
        Objects.requireNonNull(timestampUnit, "timestampUnit");
        Objects.requireNonNull(spillDir, "spillDir");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(personalizeAws, "personalizeAws");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(text, "text");
        if (!(maxRejectedRatio >= 0 && maxRejectedRatio <= 1)) {
            throw new IllegalArgumentException("the largest share of rejected rows must be between 0 and 1, not "
                    + maxRejectedRatio);
        }
        if (!folder && (output.isS3() ? output.key().isEmpty() || output.key().endsWith("/")
                : output.path().toString().endsWith("/"))) {
            throw new IllegalArgumentException("the output " + output + " names a folder; use folder mode or a file name");
        }
        if (importJob != null && !output.isS3()) {
            throw new IllegalArgumentException("a Personalize import job reads from S3: the output must be s3://...");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What every row must satisfy and how parts are split, for this request. */
    public RowRules rules() {
        return new RowRules(columns, timestampUnit, clock, dedupe, text);
    }

    /** Where the report goes: {@code <output>.report.json}. */
    public Location reportLocation() {
        return output.withSuffix(".report.json");
    }

    /** Fluent construction with the defaults of the command-line tool. */
    public static final class Builder {
        private Location source;
        private Location output;
        private List<LakeColumn> columns = LakeColumn.PERSONALIZE_REQUIRED;
        private boolean folder;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private Dedupe dedupe = Dedupe.NONE;
        private TimestampUnit timestampUnit = TimestampUnit.AUTO;
        private int threads = -1;
        private int window = -1;
        private int exactDistinctLimit = io.lakeloop.export.report.ExportStats.DEFAULT_EXACT_LIMIT;
        private int dedupeHeapKeys = DEFAULT_DEDUPE_HEAP_KEYS;
        private Path spillDir = Path.of(System.getProperty("java.io.tmpdir"));
        private int s3PartSize = io.lakeloop.export.sink.S3MultipartSink.DEFAULT_PART_SIZE;
        private int s3Uploaders = 2;
        private AwsSettings aws;
        private AwsSettings personalizeAws;
        private S3Client s3;
        private ImportJobRequest importJob;
        private Clock clock = Clock.systemUTC();
        private double maxRejectedRatio = DEFAULT_MAX_REJECTED_RATIO;
        private TextOptions text = TextOptions.DETECT;

        public Builder source(String location) {
            return source(Location.parse(location));
        }

        public Builder source(Location location) {
            this.source = location;
            return this;
        }

        /** The partition of a lake table, resolved through the lake layout: {@code s3://<lake>/<dataset>/<table>/dt=…/}. */
        public Builder source(LakeLayout layout, DataAddress address) {
            return source(Location.parse(layout.s3Uri(address)));
        }

        public Builder output(String location) {
            return output(Location.parse(location));
        }

        public Builder output(Location location) {
            this.output = location;
            return this;
        }

        public Builder columns(List<LakeColumn> value) {
            this.columns = value;
            return this;
        }

        /** Writes a folder of CSVs of at most {@code maxBytes} each instead of one file. */
        public Builder folder(long maxBytes) {
            this.folder = true;
            this.maxFileBytes = maxBytes;
            return this;
        }

        public Builder dedupe(Dedupe value) {
            this.dedupe = value;
            return this;
        }

        public Builder timestampUnit(TimestampUnit value) {
            this.timestampUnit = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder window(int value) {
            this.window = value;
            return this;
        }

        public Builder exactDistinctLimit(int value) {
            this.exactDistinctLimit = value;
            return this;
        }

        public Builder dedupeHeapKeys(int value) {
            this.dedupeHeapKeys = value;
            return this;
        }

        public Builder spillDir(Path value) {
            this.spillDir = value;
            return this;
        }

        public Builder s3PartSize(int value) {
            this.s3PartSize = value;
            return this;
        }

        public Builder s3Uploaders(int value) {
            this.s3Uploaders = value;
            return this;
        }

        public Builder aws(AwsSettings value) {
            this.aws = value;
            return this;
        }

        public Builder personalizeAws(AwsSettings value) {
            this.personalizeAws = value;
            return this;
        }

        public Builder s3(S3Client value) {
            this.s3 = value;
            return this;
        }

        public Builder importJob(ImportJobRequest value) {
            this.importJob = value;
            return this;
        }

        /** The largest share of rejected rows (0..1) an export may have and still publish. */
        public Builder maxRejectedRatio(double value) {
            this.maxRejectedRatio = value;
            return this;
        }

        /** How text parts are split: delimiter (or detected), escape, the table's columns for parts without a header. */
        public Builder text(TextOptions value) {
            this.text = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Defaults: threads = the cores (at least 2) for local parts, one more for S3 parts. Each part is read by
         * two threads (download+gunzip ahead of the row scan), so this already keeps every core busy: in the
         * benchmark (2 cores) 8 threads were 10% slower than 3 — more parts in flight only thrash the caches.
         */
        public ExportRequest build() {
            Objects.requireNonNull(source, "source");
            int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
            int t = threads > 0 ? threads : source.isS3() ? cores + S3_EXTRA_THREADS : cores;
            return new ExportRequest(source, output, columns, folder, maxFileBytes, dedupe, timestampUnit, t,
                    window > 0 ? window : t + 2, exactDistinctLimit, dedupeHeapKeys, spillDir, s3PartSize,
                    s3Uploaders, aws == null ? AwsSettings.fromEnvironment("S3") : aws,
                    personalizeAws == null ? AwsSettings.fromEnvironment("PERSONALIZE") : personalizeAws, s3, importJob, clock,
                    maxRejectedRatio, text);
        }
    }
}
