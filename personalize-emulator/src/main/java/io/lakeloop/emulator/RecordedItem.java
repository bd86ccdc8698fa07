package io.lakeloop.emulator;

/**
 * One item a PutItems call delivered and the emulator accepted; {@code properties} is the JSON string as sent,
 * {@code sequence} the record's position among everything the emulator recorded, from 1 (never reused).
 */
public record RecordedItem(long sequence, String datasetArn, String itemId, String properties) {
}
