package io.lakeloop.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.cli.StackException;
import io.lakeloop.event.RecordValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The emulator's journal ({@code emulator/journal.jsonl}: one JSON line per accepted record, with its sequence number,
 * appended and flushed once per call before the record is kept in memory), read forward from where it stood when
 * this reader was made: the exact source of the accepted events the emulator dropped from its bounded memory before
 * they were read through its API. Only whole lines count (a line still being written is read on the next call).
 * Not thread-safe.
 */
final class JournalTail {

    private static final String EVENTS = "events";

    private final Path file;
    /** Byte position of the first line not yet handed over or passed. */
    private long position;

    /** Reads the lines appended to {@code file} from now on. */
    JournalTail(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        try {
            this.position = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new StackException("Cannot read the emulator's journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands {@code sink} every event line with {@code after < sequence < before}, skipping any line at or below
     * {@code after} (already read through the API) and stopping at the first line at or past {@code before}; returns
     * how many it handed over.
     */
    int eventsBetween(long after, long before, Consumer<JsonNode> sink) {
        int handed = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(position);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            while (true) {
                if (!readLine(in, line)) {
                    return handed;
                }
                JsonNode record = RecordValues.JSON.readTree(line.toByteArray());
                long sequence = record.path("sequence").asLong();
                if (sequence >= before) {
                    return handed; // read again next time, from the same position
                }
                position += line.size() + 1;
                if (sequence > after && EVENTS.equals(record.path("kind").asText())) {
                    sink.accept(record);
                    handed++;
                }
            }
        } catch (IOException e) {
            throw new StackException("Cannot read the emulator's journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next whole line (without its newline) into {@code line}; false at the end or before a partial line. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return true;
            }
            line.write(b);
        }
        return false;
    }
}
