package io.lakeloop.export;

import io.lakeloop.export.parquet.ParquetPartReader;
import io.lakeloop.export.rows.RowReader;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.source.LocalPartSource;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import io.lakeloop.export.source.S3PartSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --dry-run}: lists the source, opens every data part far enough to tell its compression, its format and its
 * header, and checks what the export would check first (required columns, the same header in every CSV part) —
 * writing nothing, neither output nor report, and reading only the start of each part.
 */
final class DryRun {

    /** One listed object: skipped as a marker, or read: compression, format, header, and what is wrong with it. */
    record Part(String name, long size, boolean skipped, String compression, String format, List<String> header,
                List<String> columns, String problem) {
    }

    /** The plan: every listed object, and the problems that would fail the export (empty when it would run). */
    record Plan(String source, List<Part> parts, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private DryRun() {
    }

    static Plan inspect(ExportRequest request, S3Client s3) throws ExportException {
        RowRules rules = request.rules();
        PartSource source = request.source().isS3()
                ? new S3PartSource(Objects.requireNonNull(s3, "s3"), request.source().bucket(), request.source().key())
                : new LocalPartSource(request.source().path());
        List<PartRef> listed;
        try {
            listed = source.list();
        } catch (IOException e) {
            throw new ExportException("cannot list the source " + source.describe() + ": " + e.getMessage(), e);
        }
        List<Part> parts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> reference = null;
        String referenceName = null;
        String format = null;
        String formatName = null;
        for (PartRef ref : listed) {
            String name = source.nameOf(ref);
            if (ref.isMarker()) {
                parts.add(new Part(name, ref.size(), true, null, null, List.of(), List.of(), null));
                continue;
            }
            Part p = inspect(source, ref, rules, name);
            parts.add(p);
            if (p.problem() == null && format == null) {
                format = p.format();
                formatName = name;
            }
            if (p.problem() != null) {
                problems.add(p.problem().startsWith(name) ? p.problem() : name + ": " + p.problem());
            } else if (format != null && !CsvConcatenator.compatible(format, p.format())) {
                problems.add("mixed formats in one table: " + name + " is " + p.format() + " but " + formatName
                        + " is " + format + "; export them separately");
            } else if (!p.header().isEmpty()) {
                if (reference == null) {
                    reference = p.header();
                    referenceName = name;
                } else if (!reference.equals(p.header())) {
                    problems.add("header mismatch: " + name + " has columns " + p.header() + " but " + referenceName
                            + " has " + reference);
                }
            }
        }
        if (parts.stream().allMatch(Part::skipped)) {
            problems.add("no data parts under " + source.describe() + " (" + listed.size() + " objects listed)");
        }
        return new Plan(source.describe(), parts, problems);
    }

    private static Part inspect(PartSource source, PartRef ref, RowRules rules, String name) {
        try (PartOpener.Opened opened = PartOpener.open(source, ref, rules, null, new LongAdder())) {
            RowReader reader = opened.reader();
            if (reader instanceof ParquetPartReader p) {
                return new Part(name, ref.size(), false, p.compression(), reader.format(), List.of(), p.columns(),
                        null);
            }
            return new Part(name, ref.size(), false, opened.kind().label(), reader.format(), reader.header(),
                    reader.header(), null);
        } catch (Exception e) {
            return new Part(name, ref.size(), false, null, null, List.of(), List.of(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
