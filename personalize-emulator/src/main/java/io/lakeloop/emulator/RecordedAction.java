package io.lakeloop.emulator;

/**
 * One action a PutActions call delivered and the emulator accepted; {@code properties} is the JSON string as sent,
 * {@code sequence} the record's position among everything the emulator recorded, from 1 (never reused).
 */
public record RecordedAction(long sequence, String datasetArn, String actionId, String properties) {
}
