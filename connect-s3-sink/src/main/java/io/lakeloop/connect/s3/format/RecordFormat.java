package io.lakeloop.connect.s3.format;

import io.lakeloop.connect.s3.config.S3SinkConfig;

/** Renders a record as the bytes of one line of an object; each object starts with {@link #header()}. */
public interface RecordFormat {

    /** e.g. {@code .jsonl}, {@code .csv} (without the compression's extension). */
    String extension();

    /** Bytes at the start of every object (a CSV header), or an empty array. */
    byte[] header();

    /** @throws RenderException when this record can never be written in this format */
    byte[] render(RecordView record) throws RenderException;

    /** What makes an object's bytes from its rendered records, or {@code null}: the lines are the bytes. */
    default io.lakeloop.connect.s3.write.ObjectEncoder encoder() {
        return null;
    }

    static RecordFormat of(S3SinkConfig config) {
        RecordFormat format = switch (config.format()) {
            case JSONL -> new JsonLinesFormat();
            case CSV -> new CsvFormat(config.csvColumns(), config.csvHeader());
            case RAW -> new RawFormat();
            case PARQUET -> io.lakeloop.connect.s3.format.parquet.ParquetSupport.format(config);
        };
        return config.storeKeys() || config.storeHeaders()
                ? new KafkaFieldsFormat(format, config.storeKeys(), config.storeHeaders()) : format;
    }
}
