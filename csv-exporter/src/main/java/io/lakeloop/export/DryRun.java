package io.lakeloop.export;

import io.lakeloop.export.rows.Decompression;
import io.lakeloop.export.rows.PartReader;
import io.lakeloop.export.rows.RowRules;
import io.lakeloop.export.source.LocalPartSource;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import io.lakeloop.export.source.S3PartSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --dry-run}: lists the source, opens every data part far enough to tell its compression, its format and its
 * header, and checks what the export would check first (required columns, the same header in every CSV part) —
 * writing nothing, neither output nor report, and reading only the start of each part.
 */
final class DryRun {

    /** One listed object: skipped as a marker, or read: compression, format, header, and what is wrong with it. */
    record Part(String name, long size, boolean skipped, String compression, String format, List<String> header,
                String problem) {
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
        RowRules rules = new RowRules(request.columns(), request.timestampUnit(), request.clock(), request.dedupe());
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
        for (PartRef ref : listed) {
            String name = source.nameOf(ref);
            if (ref.isMarker()) {
                parts.add(new Part(name, ref.size(), true, null, null, List.of(), null));
                continue;
            }
            Part p = inspect(source, ref, rules, name);
            parts.add(p);
            if (p.problem() != null) {
                problems.add(name + ": " + p.problem());
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
        try (InputStream raw = new BufferedInputStream(source.open(ref), 64 * 1024)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream data = Decompression.open(raw)) {
                PartReader reader = PartReader.open(data, rules, name);
                String format = reader.getClass().getSimpleName().startsWith("Json") ? "json-lines" : "csv";
                return new Part(name, ref.size(), false, gzip ? "gzip" : "none", format, reader.header(), null);
            }
        } catch (IOException | RuntimeException e) {
            return new Part(name, ref.size(), false, null, null, List.of(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
