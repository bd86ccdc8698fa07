package io.lakeloop.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A JSON-lines file with one line per accepted record: {@code {"kind":"events","sequence":1,...}}. Appended and
 * flushed once per accepted call, so a reader sees whole calls.
 */
final class Journal implements Closeable {

    private final BufferedWriter writer;

    Journal(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    synchronized void append(Operation operation, List<Object> records) {
        try {
            for (Object record : records) {
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("kind", operation.recordKind());
                line.setAll((ObjectNode) Json.MAPPER.valueToTree(record));
                writer.write(Json.MAPPER.writeValueAsString(line));
                writer.newLine();
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
