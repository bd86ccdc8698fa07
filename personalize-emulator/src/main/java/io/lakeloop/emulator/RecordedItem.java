package io.lakeloop.emulator;

/** One item a PutItems call delivered and the emulator accepted; {@code properties} is the JSON string as sent. */
public record RecordedItem(long sequence, String datasetArn, String itemId, String properties) {
}
