package io.lakeloop.export.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakeloop.event.PersonalizeLimits;
import io.lakeloop.event.RecordValues;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The validation report of one export, written as JSON beside the output ({@code <output>.report.json}) and printed
 * as a summary. Field names are stable API: the {@code lakeloop demo} reconciliation reads {@code rowsOut} and
 * friends. Samples of rejected rows locate them (object and record number) and never copy a value.
 *
 * @param output          the single CSV, or the folder prefix in folder mode
 * @param outputFiles     every file written (one in single-file mode)
 * @param bytesIn         bytes of the parts as stored (compressed)
 * @param bytesOut        bytes written, headers included
 * @param rowsIn          data rows read (headers and blank lines not counted)
 * @param rowsOut         rows written (headers not counted)
 * @param personalize     whether Personalize's import minimums and size limit hold for this file
 * @param importJob       the dataset import job, when one was started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(
        String source,
        String output,
        List<String> outputFiles,
        List<String> columns,
        String dedupe,
        long partsListed,
        long partsRead,
        long partsSkipped,
        long bytesIn,
        long bytesOut,
        long rowsIn,
        long rowsOut,
        long rowsRejected,
        long duplicatesDropped,
        Map<String, Rejections.Entry> rejections,
        Count distinctUsers,
        Count distinctItems,
        Count usersWithTwoOrMoreInteractions,
        TimeRange timeRange,
        Personalize personalize,
        String startedAt,
        String finishedAt,
        long durationMillis,
        ImportJob importJob) {

    /** A count, and whether it is exact (else an estimate, or for users with two interactions a lower bound). */
    public record Count(long value, boolean exact) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimeRange(Long minEpochSeconds, Long maxEpochSeconds, String min, String max) {
        static TimeRange of(long min, long max) {
            return new TimeRange(min, max, Instant.ofEpochSecond(min).toString(), Instant.ofEpochSecond(max).toString());
        }
    }

    /** One Personalize requirement: the threshold, what the export has, whether it holds. */
    public record Check(long threshold, long actual, boolean ok) {
    }

    /** Personalize's bulk-import requirements ({@link PersonalizeLimits}); {@code ok} when all hold. */
    public record Personalize(Check minInteractions, Check minUsersWithTwoInteractions, Check maxImportBytes,
                              boolean ok) {
        public static Personalize evaluate(long rowsOut, Count usersWithTwo, long bytesOut) {
            Check interactions = new Check(PersonalizeLimits.MIN_INTERACTIONS_TO_TRAIN, rowsOut,
                    rowsOut >= PersonalizeLimits.MIN_INTERACTIONS_TO_TRAIN);
            Check users = new Check(PersonalizeLimits.MIN_USERS_WITH_TWO_INTERACTIONS, usersWithTwo.value(),
                    usersWithTwo.value() >= PersonalizeLimits.MIN_USERS_WITH_TWO_INTERACTIONS);
            Check size = new Check(PersonalizeLimits.MAX_IMPORT_BYTES, bytesOut,
                    bytesOut <= PersonalizeLimits.MAX_IMPORT_BYTES);
            return new Personalize(interactions, users, size, interactions.ok() && users.ok() && size.ok());
        }
    }

    /** The Personalize dataset import job started for the output, and how it ended. */
    public record ImportJob(String jobArn, String status, String failureReason, long waitedMillis) {
    }

    public ValidationReport withImportJob(ImportJob job) {
        return new ValidationReport(source, output, outputFiles, columns, dedupe, partsListed, partsRead,
                partsSkipped, bytesIn, bytesOut, rowsIn, rowsOut, rowsRejected, duplicatesDropped, rejections,
                distinctUsers, distinctItems, usersWithTwoOrMoreInteractions, timeRange, personalize, startedAt,
                finishedAt, durationMillis, job);
    }

    public String toJson() {
        try {
            return RecordValues.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toCompactJson() {
        try {
            return RecordValues.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ValidationReport fromJson(String json) {
        try {
            return RecordValues.JSON.readValue(json, ValidationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a validation report", e);
        }
    }

    /** A few lines for people: counts, reasons (no samples), time range and the Personalize checks. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("exported ").append(rowsOut).append(" rows of ").append(rowsIn).append(" from ")
                .append(partsRead).append(" parts (").append(partsSkipped).append(" skipped) to ").append(output)
                .append(" (").append(bytesOut).append(" bytes) in ").append(durationMillis).append(" ms\n");
        sb.append("rejected ").append(rowsRejected);
        rejections.forEach((reason, e) -> sb.append(", ").append(reason).append('=').append(e.count()));
        sb.append("; duplicates dropped ").append(duplicatesDropped).append('\n');
        sb.append("distinct users ").append(approx(distinctUsers)).append(", items ").append(approx(distinctItems))
                .append(", users with >= 2 interactions ").append(approx(usersWithTwoOrMoreInteractions)).append('\n');
        sb.append("time range ").append(timeRange.min()).append(" .. ").append(timeRange.max()).append('\n');
        sb.append("Personalize: ").append(personalize.ok() ? "ready to import" : "NOT ready")
                .append(" (interactions ").append(personalize.minInteractions().actual()).append('/')
                .append(personalize.minInteractions().threshold()).append(", users with 2+ ")
                .append(personalize.minUsersWithTwoInteractions().actual()).append('/')
                .append(personalize.minUsersWithTwoInteractions().threshold()).append(", size ")
                .append(personalize.maxImportBytes().ok() ? "ok" : "over the limit").append(')');
        if (importJob != null) {
            sb.append("\nimport job ").append(importJob.jobArn()).append(": ").append(importJob.status());
            if (importJob.failureReason() != null) {
                sb.append(" (").append(importJob.failureReason()).append(')');
            }
        }
        return sb.toString();
    }

    private static String approx(Count c) {
        return (c.exact() ? "" : "~") + c.value();
    }
}
