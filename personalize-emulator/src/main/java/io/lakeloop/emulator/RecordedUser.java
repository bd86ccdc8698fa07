package io.lakeloop.emulator;

/** One user a PutUsers call delivered and the emulator accepted; {@code properties} is the JSON string as sent. */
public record RecordedUser(long sequence, String datasetArn, String userId, String properties) {
}
