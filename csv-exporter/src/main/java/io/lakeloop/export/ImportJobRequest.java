package io.lakeloop.export;

import io.lakeloop.event.PersonalizeLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * A Personalize dataset import job to start for the exported file ({@code CreateDatasetImportJob}), and how long to
 * wait for it ({@code DescribeDatasetImportJob} polling).
 *
 * @param datasetArn   the interactions dataset to import into
 * @param roleArn      the IAM role Personalize assumes to read the output from S3
 * @param jobName      the job's name (1..63 characters: letters, digits, '-', '_')
 * @param importMode   {@code FULL} (replace) or {@code INCREMENTAL} (append)
 * @param awaitCompletion whether to wait until the job is ACTIVE or failed
 * @param timeout      the longest wait
 * @param pollInterval the time between two polls
 */
public record ImportJobRequest(String datasetArn, String roleArn, String jobName, String importMode, boolean awaitCompletion,
                               Duration timeout, Duration pollInterval) {

    public ImportJobRequest {
        if (!PersonalizeLimits.DatasetKind.INTERACTIONS.matches(datasetArn)) {
            throw new IllegalArgumentException("'" + datasetArn + "' is not the ARN of an interactions dataset "
                    + "(arn:aws:personalize:<region>:<account>:dataset/<group>/INTERACTIONS)");
        }
        if (roleArn == null || !roleArn.startsWith("arn:") || !roleArn.contains(":role/")) {
            throw new IllegalArgumentException("'" + roleArn + "' is not an IAM role ARN");
        }
        Objects.requireNonNull(jobName, "jobName");
        if (!jobName.matches("[a-zA-Z0-9][a-zA-Z0-9\\-_]{0,62}")) {
            throw new IllegalArgumentException("the import job name must be 1-63 letters, digits, '-' or '_'");
        }
        importMode = importMode == null ? "FULL" : importMode;
        if (!importMode.equals("FULL") && !importMode.equals("INCREMENTAL")) {
            throw new IllegalArgumentException("the import mode is FULL or INCREMENTAL, not " + importMode);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}
