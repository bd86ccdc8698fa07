package io.lakeloop.export.parquet;

import io.lakeloop.export.rows.PartFormatException;
import io.lakeloop.export.source.PartRef;
import io.lakeloop.export.source.PartSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

/**
 * A Parquet file's footer, read with ranged requests: the last 64 KiB in one (the footer of a lake table fits in
 * it), and the rest of a larger footer in a second. The file must end with {@code PAR1}; an encrypted footer
 * ({@code PARE}) is refused.
 */
final class ParquetFooter {

    static final int TAIL = 64 * 1024;
    /** Footers of lake tables are kilobytes; this bounds what a corrupt length can make the reader allocate. */
    static final int MAX_FOOTER = 64 << 20;

    private ParquetFooter() {
    }

    static FileMetaData read(PartSource source, PartRef part, String name, java.util.function.UnaryOperator<InputStream>
            counted) throws IOException {
        long size = part.size();
        if (size < 12) {
            throw new PartFormatException(name + " starts with PAR1 but has only " + size + " bytes: not a Parquet file");
        }
        int tailLen = (int) Math.min(size, TAIL);
        byte[] tail;
        try (InputStream in = counted.apply(source.openRange(part, size - tailLen, tailLen))) {
            tail = in.readNBytes(tailLen);
        }
        if (tail.length != tailLen) {
            throw new PartFormatException(name + ": the object is shorter than listed (" + size + " bytes)");
        }
        String magic = new String(tail, tailLen - 4, 4, StandardCharsets.US_ASCII);
        if (magic.equals("PARE")) {
            throw new PartFormatException(name + " is an encrypted Parquet file, which the exporter does not read");
        }
        if (!magic.equals("PAR1")) {
            throw new PartFormatException(name + " starts with PAR1 but does not end with it: a truncated or "
                    + "corrupt Parquet file");
        }
        long len = Bytes.int32(tail, tailLen - 8, tailLen) & 0xFFFFFFFFL;
        if (len <= 0 || len > size - 12 || len > MAX_FOOTER) {
            throw new PartFormatException(name + ": a Parquet footer length of " + len + " in a file of " + size
                    + " bytes");
        }
        byte[] footer;
        if (len <= tailLen - 8) {
            footer = java.util.Arrays.copyOfRange(tail, (int) (tailLen - 8 - len), tailLen - 8);
        } else {
            try (InputStream in = counted.apply(source.openRange(part, size - 8 - len, len))) {
                footer = in.readNBytes((int) len);
            }
        }
        try {
            return Util.readFileMetaData(new ByteArrayInputStream(footer));
        } catch (IOException | RuntimeException e) {
            throw new PartFormatException(name + ": the Parquet footer cannot be read (" + e.getMessage() + ")");
        }
    }
}
