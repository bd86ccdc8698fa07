package io.lakeloop.export;

import io.lakeloop.export.report.ValidationReport;
import java.util.List;

/**
 * What an export produced.
 *
 * @param files  every file published (one in single-file mode)
 * @param report the validation report (also written to {@code reportLocation})
 */
public record ExportResult(List<String> files, Location reportLocation, ValidationReport report) {

    /** True when Personalize's minimums and size limit hold (and the import job, if any, succeeded). */
    public boolean ready() {
        return report.personalize().ok()
                && (report.importJob() == null || "ACTIVE".equals(report.importJob().status()));
    }
}
