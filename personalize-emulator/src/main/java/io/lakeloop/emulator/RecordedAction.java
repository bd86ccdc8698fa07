package io.lakeloop.emulator;

/** One action a PutActions call delivered and the emulator accepted; {@code properties} is the JSON string as sent. */
public record RecordedAction(long sequence, String datasetArn, String actionId, String properties) {
}
