package io.lakeloop.export;

import io.lakeloop.export.report.ExportStats;
import io.lakeloop.export.report.ValidationReport;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.sink.ExportSink;
import io.lakeloop.export.sink.FolderSink;
import io.lakeloop.export.sink.LocalFileSink;
import io.lakeloop.export.sink.S3MultipartSink;
import io.lakeloop.export.source.LocalPartSource;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import io.lakeloop.export.source.S3PartSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The exporter as a library: {@code Exporter.run(request)} lists the source, streams every part into the output
 * (published atomically), writes the validation report beside it and, when asked, starts and waits for the
 * Personalize import job. Throws {@link ExportException} when nothing could be published.
 */
public final class Exporter {

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    private Exporter() {
    }

    public static ExportResult run(ExportRequest request) throws ExportException {
        return run(request, Progress.Listener.NONE, status -> { });
    }

    /**
     * @param listener progress while rows are written
     * @param importStatus each status the import job reports while it is awaited
     */
    public static ExportResult run(ExportRequest request, Progress.Listener listener, Consumer<String> importStatus)
            throws ExportException {
        return run(request, listener, importStatus, S3Clients.start(request));
    }

    /** As {@link #run(ExportRequest, Progress.Listener, Consumer)}, with the S3 client already being built. */
    static ExportResult run(ExportRequest request, Progress.Listener listener, Consumer<String> importStatus,
                            CompletableFuture<S3Client> client) throws ExportException {
        return run(request, listener, importStatus, client, UnaryOperator.identity());
    }

    /** As above, with the part source wrapped by {@code sources} (the tests' seam for injected faults). */
    static ExportResult run(ExportRequest request, Progress.Listener listener, Consumer<String> importStatus,
                            CompletableFuture<S3Client> client, UnaryOperator<PartSource> sources)
            throws ExportException {
        S3Client s3 = S3Clients.await(client);
        try {
            ExportResult result = export(request, s3, listener, sources);
            if (request.importJob() != null) {
                ValidationReport.ImportJob job = new PersonalizeImporter(request.personalizeAws(), importStatus)
                        .importFile(request.importJob(), request.output());
                ValidationReport report = result.report().withImportJob(job);
                writeReport(request, s3, report);
                result = new ExportResult(result.files(), result.reportLocation(), report);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("the export was interrupted", e);
        } finally {
            if (s3 != null && request.s3() == null) {
                s3.close();
            }
        }
    }

    private static ExportResult export(ExportRequest request, S3Client s3, Progress.Listener listener,
                                       UnaryOperator<PartSource> sources) throws ExportException, InterruptedException {
        Instant started = request.clock().instant();
        long t0 = System.nanoTime();
        RowRules rules = request.rules();
        PartSource source = sources.apply(request.source().isS3()
                ? new S3PartSource(s3, request.source().bucket(), request.source().key())
                : new LocalPartSource(request.source().path()));
        // listing and opening the output (both first calls of the SDK on S3) run side by side; the output is
        // aborted again when the listing fails or finds nothing
        CompletableFuture<List<PartRef>> listing = Background.start("csv-exporter-list", source::list);
        ExportSink sink = openSink(request, s3, rules.headerBytes());
        List<PartRef> listed;
        try {
            listed = listing.join();
        } catch (CompletionException e) {
            sink.abort();
            Throwable why = e.getCause();
            if (why instanceof IOException) {
                throw new ExportException("cannot list the source " + source.describe() + ": " + why.getMessage(),
                        why);
            }
            throw e;
        }
        List<PartRef> parts = listed.stream().filter(p -> !p.isMarker() && !isOwnOutput(request, source.nameOf(p)))
                .toList();
        LOG.info("Exporting {} parts ({} markers or empty objects skipped) from {} to {}", parts.size(),
                listed.size() - parts.size(), source.describe(), request.output());
        if (parts.isEmpty()) {
            sink.abort();
            throw new ExportException("no data parts under " + source.describe() + " (" + listed.size()
                    + " objects listed, all markers or empty)");
        }
        CsvConcatenator.Settings settings = new CsvConcatenator.Settings(request.threads(), request.window(),
                request.exactDistinctLimit(), request.dedupeHeapKeys(), request.spillDir());
        CsvConcatenator.Result result;
        List<String> files;
        try {
            result = new CsvConcatenator(source, rules, settings, listener).concatenate(parts, sink);
            checkRejections(request, source, result.stats());
            files = sink.commit();
        } catch (ExportException | InterruptedException | RuntimeException | Error e) {
            sink.abort(); // whatever failed, never leave a pending multipart upload or a temp file
            throw e;
        } catch (IOException e) {
            sink.abort();
            throw new ExportException("the export to " + request.output() + " failed: " + e.getMessage(), e);
        }
        ValidationReport report = report(request, source, listed.size(), parts.size(), result, sink.bytesWritten(),
                files, started, System.nanoTime() - t0);
        writeReport(request, s3, report);
        LOG.info("Exported {} rows of {} to {} ({} rejected, {} duplicates dropped)", report.rowsOut(),
                report.rowsIn(), request.output(), report.rowsRejected(), report.duplicatesDropped());
        return new ExportResult(files, request.reportLocation(), report);
    }

    /**
     * Nothing is published when too many rows were rejected (a binary part, another format, the wrong delimiter) or
     * when there is no row at all: a good earlier output is never replaced by an empty one.
     */
    private static void checkRejections(ExportRequest request, PartSource source, ExportStats s)
            throws ExportException {
        long rejected = s.rejections().total();
        if (s.rowsOut() == 0 && request.maxRejectedRatio() < 1) {
            throw new ExportException("no row to export under " + source.describe() + " (" + s.rowsIn()
                    + " rows read, " + rejected + " rejected: " + s.rejections().byReason().keySet()
                    + "); nothing is published (--max-rejected-ratio 1 publishes an empty file)");
        }
        if (s.rowsIn() > 0 && rejected > request.maxRejectedRatio() * s.rowsIn()) {
            throw new ExportException(String.format(java.util.Locale.ROOT, "%d of %d rows rejected (%.2f%%, more "
                    + "than --max-rejected-ratio %s) under %s, by reason %s: nothing is published", rejected,
                    s.rowsIn(), 100.0 * rejected / s.rowsIn(), request.maxRejectedRatio(), source.describe(),
                    counts(s)));
        }
    }

    private static java.util.Map<String, Long> counts(ExportStats s) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        s.rejections().byReason().forEach((reason, e) -> m.put(reason, e.count()));
        return m;
    }

    /** An earlier run's output or report inside the source is not a part (re-running must not feed on itself). */
    private static boolean isOwnOutput(ExportRequest request, String partName) {
        String out = request.output().toString();
        if (partName.equals(request.reportLocation().toString())) {
            return true;
        }
        return request.folder() ? partName.startsWith(out.endsWith("/") ? out : out + "/") : partName.equals(out);
    }

    private static ExportSink openSink(ExportRequest request, S3Client s3, byte[] header) throws ExportException {
        Location out = request.output();
        try {
            if (request.folder()) {
                return new FolderSink(name -> single(request, s3, out.child(name), header),
                        name -> delete(s3, Location.parse(name)), request.maxFileBytes(), header.length);
            }
            return single(request, s3, out, header);
        } catch (IOException | RuntimeException e) {
            throw new ExportException("cannot open the output " + out + ": " + e.getMessage(), e);
        }
    }

    private static ExportSink single(ExportRequest request, S3Client s3, Location at, byte[] header)
            throws IOException {
        return at.isS3()
                ? new S3MultipartSink(s3, at.bucket(), at.key(), header, request.s3PartSize(), request.s3Uploaders())
                : new LocalFileSink(at.path(), header);
    }

    private static void delete(S3Client s3, Location at) throws IOException {
        if (at.isS3()) {
            s3.deleteObject(b -> b.bucket(at.bucket()).key(at.key()));
        } else {
            Files.deleteIfExists(at.path());
        }
    }

    private static ValidationReport report(ExportRequest request, PartSource source, int listed, int read,
                                           CsvConcatenator.Result result, long bytesOut, List<String> files,
                                           Instant started, long nanos) {
        ExportStats s = result.stats();
        ValidationReport.Count repeat = s.usersWithTwoOrMore();
        return new ValidationReport(source.describe(), request.output().toString(), files,
                request.columns().stream().map(Enum::name).toList(), request.dedupe().name(), listed, read,
                listed - read, result.bytesRead(), bytesOut, s.rowsIn(), s.rowsOut(), s.rejections().total(),
                s.duplicates(), s.rejections().byReason(), s.distinctUsers(), s.distinctItems(), repeat,
                s.timeRange(), ValidationReport.Personalize.evaluate(s.rowsOut(), repeat, bytesOut),
                started.toString(), started.plusNanos(nanos).toString(), nanos / 1_000_000, null);
    }

    private static void writeReport(ExportRequest request, S3Client s3, ValidationReport report)
            throws ExportException {
        Location at = request.reportLocation();
        byte[] json = report.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            if (at.isS3()) {
                s3.putObject(b -> b.bucket(at.bucket()).key(at.key()).contentType("application/json"),
                        RequestBody.fromBytes(json));
            } else {
                LocalFileSink sink = new LocalFileSink(at.path(), json);
                sink.commit();
            }
        } catch (IOException | SdkException e) {
            throw new ExportException("the output is published but its report " + at + " could not be written: "
                    + e.getMessage(), e);
        }
    }
}
