package io.lakeloop.export;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.export.report.ValidationReport;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;

/**
 * Starts the Personalize dataset import job for the exported file ({@code CreateDatasetImportJob}) and, when
 * asked, polls {@code DescribeDatasetImportJob} until it is {@code ACTIVE} or {@code CREATE FAILED}, reporting each
 * status change. A failed job is returned with Personalize's failure reason, not thrown: the export itself worked.
 */
public final class PersonalizeImporter {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalizeImporter.class);

    private final AwsSettings settings;
    private final Consumer<String> status;

    public PersonalizeImporter(AwsSettings settings, Consumer<String> status) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = Objects.requireNonNull(status, "status");
    }

    ValidationReport.ImportJob importFile(ImportJobRequest job, Location file) throws ExportException,
            InterruptedException {
        try (PersonalizeClient client = AwsClients.configure(PersonalizeClient.builder(), settings).build()) {
            return importFile(client, job, file);
        }
    }

    /** The import job against a given client (the test seam). */
    static ValidationReport.ImportJob importFile(PersonalizeClient client, ImportJobRequest job, Location file,
                                                 Consumer<String> status, Sleeper sleeper)
            throws ExportException, InterruptedException {
        long t0 = System.nanoTime();
        String arn;
        try {
            arn = client.createDatasetImportJob(b -> b.jobName(job.jobName()).datasetArn(job.datasetArn())
                    .roleArn(job.roleArn()).importMode(job.importMode())
                    .dataSource(d -> d.dataLocation(file.toString()))).datasetImportJobArn();
        } catch (SdkException e) {
            throw new ExportException("the file " + file + " is exported, but the import job " + job.jobName()
                    + " could not be created for " + job.datasetArn() + ": " + e.getMessage(), e);
        }
        LOG.info("Started dataset import job {} for {}", arn, file);
        status.accept("CREATED " + arn);
        if (!job.awaitCompletion()) {
            return new ValidationReport.ImportJob(arn, "CREATE PENDING", null, 0);
        }
        long deadline = t0 + job.timeout().toNanos();
        String last = null;
        while (true) {
            DatasetImportJob d;
            try {
                d = client.describeDatasetImportJob(b -> b.datasetImportJobArn(arn)).datasetImportJob();
            } catch (SdkException e) {
                throw new ExportException("the import job " + arn + " was started but cannot be described: "
                        + e.getMessage(), e);
            }
            String s = d.status();
            if (!s.equals(last)) {
                status.accept(s);
                last = s;
            }
            long waited = (System.nanoTime() - t0) / 1_000_000;
            if ("ACTIVE".equals(s) || s.contains("FAILED")) {
                return new ValidationReport.ImportJob(arn, s, d.failureReason(), waited);
            }
            if (System.nanoTime() > deadline) {
                return new ValidationReport.ImportJob(arn, s, "still " + s + " after waiting " + job.timeout(),
                        waited);
            }
            sleeper.sleep(job.pollInterval().toMillis());
        }
    }

    private ValidationReport.ImportJob importFile(PersonalizeClient client, ImportJobRequest job, Location file)
            throws ExportException, InterruptedException {
        return importFile(client, job, file, status, Thread::sleep);
    }

    /** How the poller waits (a test passes one that does not). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
