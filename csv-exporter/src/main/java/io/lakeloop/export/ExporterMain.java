package io.lakeloop.export;

import io.lakeloop.BuildVersionProvider;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.aws.CredentialsMode;
import io.lakeloop.config.DurationConverter;
import io.lakeloop.event.RecordValues;
import io.lakeloop.event.TimestampUnit;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.export.rows.Dedupe;
import io.lakeloop.export.rows.TextOptions;
import io.lakeloop.lake.DataAddress;
import io.lakeloop.lake.LakeColumn;
import io.lakeloop.lake.LakeLayout;
import io.lakeloop.terminal.Terminal;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code csv-exporter} command: lake parts → the one CSV Personalize imports, with a validation report.
 * The only class that exits. Exit codes: {@value #OK} ok; {@value #FAILED} the export failed, or with
 * {@code --strict} Personalize's minimums do not hold, or the import job failed; {@value #USAGE} usage error.
 */
@Command(name = "csv-exporter", mixinStandardHelpOptions = true, versionProvider = BuildVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Streams every part of a lake table (Parquet; CSV, Hive/Athena text or JSON lines, plain, gzip or",
                "zstd; told from the bytes) into one UTF-8 CSV",
                "for Amazon Personalize, atomically, and writes <output>.report.json beside it.",
                "S3 settings come from the usual AWS environment (AWS_REGION, AWS_ENDPOINT_URL[_S3],",
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the output and its report are published",
                "1:the export failed (nothing published), or --strict and Personalize's minimums do not hold,"
                        + " or the import job failed",
                "2:usage error"})
public final class ExporterMain implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--source", paramLabel = "LOCATION",
            description = "s3://bucket/prefix/ or a local folder (or file). Or give --dataset/--table instead.")
    String source;
    @Option(names = "--dataset", description = "Lake dataset, e.g. crm_derived_restricted (with --table)")
    String dataset;
    @Option(names = "--table", description = "Lake table, e.g. t200_dashboard_interaction")
    String table;
    @Option(names = "--date", description = "Partition date YYYY-MM-DD (default: today, UTC)")
    LocalDate date;
    @Option(names = "--stage", defaultValue = "prod", description = "Lake stage: prod, staging, dev (default: ${DEFAULT-VALUE})")
    String stage;
    @Option(names = "--tenant", description = "Tenant: the lake bucket is <tenant>-c360-lake[-stage]")
    String tenant;
    @Option(names = "--lake-bucket", description = "The lake bucket, instead of --tenant")
    String lakeBucket;

    @Option(names = "--output", required = true, paramLabel = "LOCATION",
            description = "s3://bucket/key.csv or a local file (a folder prefix with --folder)")
    String output;
    @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
            description = "Output columns in schema order (default: USER_ID,ITEM_ID,TIMESTAMP; also EVENT_TYPE, "
                    + "EVENT_VALUE, SESSION_ID, EVENT_ID)")
    List<String> columns;
    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter of text parts: ',' (CSV), '\\u0001' (also ^A, \\001: Hive's and Athena's "
                    + "TEXTFILE default), 'tab', '|'... (default: detected from each part's first line)")
    String delimiter;
    @Option(names = "--escape", paramLabel = "CHAR", description = "Escape character of delimited text "
            + "(Hive's ESCAPED BY, e.g. '\\'; default: none)")
    String escape;
    @Option(names = "--input-columns", split = ",", paramLabel = "COLUMN",
            description = "The table's columns in order, for text parts without a header (default: the lake schema "
                    + "for rows of 7 fields, USER_ID,ITEM_ID,TIMESTAMP for rows of 3)")
    List<String> inputColumns;
    @Option(names = "--folder", description = "Write several CSVs of at most --max-file-size under the output prefix")
    boolean folder;
    @Option(names = "--max-file-size", defaultValue = "1g", paramLabel = "SIZE",
            description = "Largest file in folder mode, e.g. 512m, 1g (default: ${DEFAULT-VALUE})")
    String maxFileSize;
    @Option(names = "--dedupe", defaultValue = "none", paramLabel = "none|rows|event-id",
            description = "Drop repeated rows or repeated EVENT_IDs, keeping the first (default: ${DEFAULT-VALUE})")
    String dedupe;
    @Option(names = "--timestamp-unit", defaultValue = "auto", paramLabel = "auto|seconds|milliseconds",
            description = "How numeric timestamps in the parts are read (default: ${DEFAULT-VALUE})")
    String timestampUnit;
    @Option(names = "--dry-run", description = "List the parts, check their compression, format and headers; "
            + "write nothing (exit 1 when the export would fail on them)")
    boolean dryRun;
    @Option(names = "--max-rejected-ratio", paramLabel = "R",
            description = "Fail and publish nothing when more than this share (0..1) of the rows read is rejected, "
                    + "or when no row is left (default: 0.01; 1 publishes whatever is left)")
    Double maxRejectedRatio;
    @Option(names = "--strict", description = "Exit 1 when Personalize's import minimums or size limit do not hold")
    boolean strict;
    @Option(names = "--json", description = "Print one JSON object on stdout (status, exit code, report)")
    boolean json;
    @Option(names = "--no-progress", description = "No progress output on stderr (a bar when stderr is a terminal, "
            + "else a line every 10 s; TERM=dumb: lines)")
    boolean noProgress;
    @Option(names = "--verbose", description = "Log at INFO (no ids or values are ever logged above DEBUG)")
    boolean verbose;

    @Option(names = "--threads", paramLabel = "N", description = "Parts read in parallel (default: cores, at least 2; one more for S3)")
    Integer threads;
    @Option(names = "--exact-distinct-limit", paramLabel = "N",
            description = "Distinct users/items counted exactly up to N, then estimated (default: 262144)")
    Integer exactDistinctLimit;
    @Option(names = "--dedupe-heap-keys", paramLabel = "N",
            description = "De-duplication keys kept on the heap before spilling to a mapped file (default: 1048576)")
    Integer dedupeHeapKeys;
    @Option(names = "--spill-dir", description = "Where de-duplication spills (default: java.io.tmpdir)")
    Path spillDir;

    @Option(names = "--endpoint-url", description = "S3 endpoint override (default: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL)")
    URI endpoint;
    @Option(names = "--region", description = "AWS region (default: AWS_REGION / the SDK's chain)")
    String region;
    @Option(names = "--profile", description = "AWS profile for credentials")
    String profile;

    @Option(names = "--import-dataset-arn", description = "Start a Personalize import job into this interactions dataset")
    String importDatasetArn;
    @Option(names = "--import-role-arn", description = "The role Personalize assumes to read the output")
    String importRoleArn;
    @Option(names = "--import-job-name", description = "Import job name (default: csv-exporter-<UTC time>)")
    String importJobName;
    @Option(names = "--import-mode", defaultValue = "FULL", description = "FULL or INCREMENTAL (default: ${DEFAULT-VALUE})")
    String importMode;
    @Option(names = "--no-wait", description = "Start the import job and return without waiting for it")
    boolean noWait;
    @Option(names = "--import-timeout", defaultValue = "3h", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest wait for the job: 90s, 30m, 3h, 2d or ISO-8601 PT3H (default: ${DEFAULT-VALUE})")
    Duration importTimeout;
    @Option(names = "--import-poll-interval", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time between two job status polls, like --import-timeout (default: ${DEFAULT-VALUE})")
    Duration importPollInterval;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;

    ExporterMain(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "csv-exporter-log4j2.xml");
        }
        System.exit(execute(args, System.out, System.err, System.getenv(), Terminal.stderrIsTerminal(System.getenv())));
    }

    /** Runs the command and returns its exit code (what {@link #main} exits with). */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        ExporterMain main = new ExporterMain(out, err, env, terminal);
        CommandLine cl = new CommandLine(main);
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Duration.class, new DurationConverter());
        // with --json, a usage error picocli finds (unknown option, bad value) is the one USAGE object too
        CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, arguments) -> {
            if (!List.of(arguments).contains("--json")) {
                return standard.handleParseException(e, arguments);
            }
            main.json = true;
            return main.usage(e.getMessage());
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (verbose) {
            System.setProperty("csv-exporter.log.level", "INFO");
        }
        ExportRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        // before anything loads the Exporter (and its logging): the SDK's start-up overlaps the rest of ours
        CompletableFuture<S3Client> s3 = S3Clients.start(request);
        if (dryRun) {
            return dryRun(request, s3);
        }
        ProgressPrinter progress = new ProgressPrinter(err, terminal, 10_000);
        try {
            ExportResult result = Exporter.run(request, noProgress ? Progress.Listener.NONE : progress,
                    status -> {
                        if (!noProgress) {
                            err.println("import job: " + status);
                        }
                    }, s3);
            progress.finish();
            return finish(result);
        } catch (ExportException e) {
            progress.finish();
            return fail(e.getMessage());
        }
    }

    private int finish(ExportResult result) {
        ValidationReport report = result.report();
        boolean importFailed = report.importJob() != null && !"ACTIVE".equals(report.importJob().status())
                && !(noWait && report.importJob().failureReason() == null);
        boolean notReady = !report.personalize().ok();
        int code = importFailed || (strict && notReady) ? FAILED : OK;
        String status = importFailed ? "IMPORT_FAILED" : notReady ? "NOT_READY" : "OK";
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("status", status);
            o.put("exitCode", code);
            o.put("files", result.files());
            o.put("reportLocation", result.reportLocation().toString());
            o.put("report", report);
            out.println(toJson(o));
        } else {
            out.println(report.summary());
            out.println("report: " + result.reportLocation());
            if (code != OK) {
                err.println(importFailed ? "error: the import job did not become ACTIVE"
                        : "error: --strict and the export does not meet Personalize's import minimums");
            }
        }
        return code;
    }

    private int dryRun(ExportRequest request, CompletableFuture<S3Client> client) {
        S3Client s3 = S3Clients.await(client);
        try {
            DryRun.Plan plan = DryRun.inspect(request, s3);
            int code = plan.ok() ? OK : FAILED;
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("status", plan.ok() ? "DRY_RUN_OK" : "DRY_RUN_FAILED");
                o.put("exitCode", code);
                o.put("plan", plan);
                out.println(toJson(o));
                return code;
            }
            for (DryRun.Part p : plan.parts()) {
                out.println(p.skipped() ? "skip  " + p.name() + " (" + p.size() + " bytes: marker or empty)"
                        : p.problem() != null ? "FAIL  " + p.name() + ": " + p.problem()
                        : "part  " + p.name() + " (" + p.size() + " bytes, " + p.compression() + ", " + p.format()
                        + (p.columns().isEmpty() ? "" : ", columns " + p.columns()) + ")");
            }
            plan.problems().forEach(problem -> err.println("error: " + problem));
            out.println("dry run: " + plan.parts().stream().filter(p -> !p.skipped()).count() + " parts would be read, "
                    + "nothing written to " + request.output() + (plan.ok() ? "" : "; the export would fail"));
            return code;
        } catch (ExportException e) {
            return fail(e.getMessage());
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private int fail(String message) {
        return error("FAILED", FAILED, message, "error: " + message);
    }

    private int usage(String message) {
        return error("USAGE", USAGE, message, "usage error: " + message, "Try 'csv-exporter --help'.");
    }

    /** One JSON object on stdout with {@code --json}, else the lines on stderr; returns {@code exitCode}. */
    private int error(String status, int exitCode, String message, String... textLines) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("status", status);
            o.put("exitCode", exitCode);
            o.put("error", message);
            out.println(toJson(o));
        } else {
            for (String line : textLines) {
                err.println(line);
            }
        }
        return exitCode;
    }

    private static String toJson(Object o) {
        try {
            return RecordValues.JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request the options describe; IllegalArgumentException for any bad value. */
    ExportRequest request() {
        ExportRequest.Builder b = ExportRequest.builder();
        if ((source == null) == (dataset == null && table == null)) {
            throw new IllegalArgumentException("give either --source or --dataset with --table");
        }
        if (source != null) {
            b.source(source);
        } else {
            b.source(layout(), new DataAddress(dataset, table, date == null ? LocalDate.now(ZoneOffset.UTC) : date, stage));
        }
        b.output(output);
        if (columns != null) {
            b.columns(columns.stream().map(c -> LakeColumn.byName(c).orElseThrow(() ->
                    new IllegalArgumentException("unknown column '" + c + "'; columns are " + LakeColumn.ALL))).toList());
        }
        if (folder) {
            b.folder(OptionValues.parseSize(maxFileSize));
        }
        b.text(new TextOptions(delimiter == null ? -1 : TextOptions.parseChar(delimiter, "--delimiter"),
                escape == null ? -1 : TextOptions.parseChar(escape, "--escape"),
                inputColumns == null ? List.of() : inputColumns));
        b.dedupe(OptionValues.enumOf(Dedupe.class, dedupe.replace('-', '_'), "--dedupe"));
        b.timestampUnit(OptionValues.enumOf(TimestampUnit.class, timestampUnit, "--timestamp-unit"));
        if (threads != null) {
            b.threads(OptionValues.positive(threads, "--threads"));
        }
        if (exactDistinctLimit != null) {
            b.exactDistinctLimit(OptionValues.positive(exactDistinctLimit, "--exact-distinct-limit"));
        }
        if (dedupeHeapKeys != null) {
            b.dedupeHeapKeys(OptionValues.positive(dedupeHeapKeys, "--dedupe-heap-keys"));
        }
        if (spillDir != null) {
            b.spillDir(spillDir);
        }
        if (maxRejectedRatio != null) {
            if (!(maxRejectedRatio >= 0 && maxRejectedRatio <= 1)) {
                throw new IllegalArgumentException("--max-rejected-ratio must be between 0 and 1, not "
                        + maxRejectedRatio);
            }
            b.maxRejectedRatio(maxRejectedRatio);
        }
        b.aws(aws("S3", endpoint));
        b.personalizeAws(aws("PERSONALIZE", null));
        if (importDatasetArn != null || importRoleArn != null) {
            if (importDatasetArn == null || importRoleArn == null) {
                throw new IllegalArgumentException("an import job needs both --import-dataset-arn and --import-role-arn");
            }
            String name = importJobName != null ? importJobName : "csv-exporter-" + DateTimeFormatter
                    .ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(java.time.Instant.now());
            b.importJob(new ImportJobRequest(importDatasetArn, importRoleArn, name,
                    importMode.toUpperCase(Locale.ROOT), !noWait, importTimeout, importPollInterval));
        }
        return b.build();
    }

    private LakeLayout layout() {
        if ((tenant == null) == (lakeBucket == null)) {
            throw new IllegalArgumentException("with --dataset/--table give either --tenant or --lake-bucket");
        }
        return tenant != null ? LakeLayout.ofTenant(tenant, stage) : LakeLayout.ofBuckets("-", lakeBucket, "-");
    }

    private AwsSettings aws(String service, URI endpointOverride) {
        AwsSettings s = AwsSettings.fromEnvironment(env, service);
        if (endpointOverride != null) {
            s = s.withEndpoint(endpointOverride);
        }
        if (region != null) {
            s = s.withRegion(region);
        }
        if (profile != null) {
            s = new AwsSettings(s.region(), s.endpoint(), CredentialsMode.PROFILE, null, null, null, profile, null,
                    null, null, s.connectTimeout(), s.readTimeout());
        }
        return s;
    }
}
