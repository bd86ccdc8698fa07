package io.lakeloop.connect.s3.metrics;

/** JMX view of one S3 sink task: {@code io.lakeloop.connect.s3:type=s3-sink-task-metrics,connector=…,task=…}. */
public interface S3SinkMetricsMBean {

    long getRecordsWritten();

    long getRecordBytesWritten();

    long getRecordsDeadLettered();

    long getRecordsSkippedAsAlreadyLanded();

    /** Records with a null value skipped under {@code behavior.on.null.values=ignore}. */
    long getNullValuesIgnored();

    long getObjectsWritten();

    long getPartsUploaded();

    long getUploadedBytes();

    long getOpenFiles();

    long getBufferedBytes();

    long getMemoryBudgetBytes();

    long getEarlyRotationsForMemory();

    double getUploadLatencyAvgMs();

    double getUploadLatencyMaxMs();

    long getRetries();
}
