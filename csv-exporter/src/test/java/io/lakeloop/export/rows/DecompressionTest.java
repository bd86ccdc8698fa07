package io.lakeloop.export.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DecompressionTest {

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bos.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Like a socket: hands out what "arrived" (here: up to the member boundary) and says 0 is available. */
    private static final class NetworkLike extends InputStream {
        private final byte[] data;
        private final int boundary;
        private int pos;

        NetworkLike(byte[] data, int boundary) {
            this.data = data;
            this.boundary = boundary;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int end = pos < boundary ? boundary : data.length;
            int n = Math.min(len, end - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    @Test
    void plainGzipInputStreamStopsAfterTheFirstMemberOnANetworkLikeStream() throws IOException {
        byte[] first = gzip("first\n");
        byte[] both = concat(first, gzip("second\n"));
        // the pitfall this class exists for: the JDK trusts available() to find the next member
        String read = new String(new GZIPInputStream(new NetworkLike(both, first.length)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(read).isEqualTo("first\n");
    }

    @Test
    void readsEveryMemberOnANetworkLikeStream() throws IOException {
        byte[] first = gzip("first\n");
        byte[] both = concat(first, gzip("second\n"));
        String read = new String(Decompression.open(new NetworkLike(both, first.length)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(read).isEqualTo("first\nsecond\n");
    }

    @Test
    void passesPlainBytesThroughAndDetectsGzipByMagicNotName() throws IOException {
        assertThat(Decompression.open(new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.UTF_8)))
                .readAllBytes()).isEqualTo("a,b\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Decompression.open(new ByteArrayInputStream(new byte[] {0x1f})).readAllBytes())
                .containsExactly(0x1f);
        assertThat(Decompression.open(new ByteArrayInputStream(new byte[0])).readAllBytes()).isEmpty();
        assertThat(Decompression.open(new ByteArrayInputStream(gzip("x"))).readAllBytes())
                .isEqualTo("x".getBytes(StandardCharsets.UTF_8));
    }
}
