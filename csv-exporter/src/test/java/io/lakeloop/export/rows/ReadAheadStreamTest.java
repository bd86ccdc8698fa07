package io.lakeloop.export.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadStreamTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void deliversEveryByteInOrderAcrossBlockBoundaries() throws IOException {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (ReadAheadStream in = new ReadAheadStream(new ByteArrayInputStream(data), threads, 3, 1000)) {
            byte[] buf = new byte[777];
            assertThat(in.read()).isEqualTo(data[0] & 0xFF);
            got.write(data[0]);
            for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
                got.write(buf, 0, n);
            }
            assertThat(in.read(buf, 0, buf.length)).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (ReadAheadStream in = new ReadAheadStream(InputStream.nullInputStream(), threads, 2, 10)) {
            assertThat(in.read(new byte[5], 0, 5)).isEqualTo(-1);
        }
    }

    @Test
    void theSourcesErrorReachesTheConsumerAfterTheBytesBeforeIt() throws IOException {
        byte[] head = new byte[2500];
        InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new ZipException("invalid stored block lengths");
            }
        });
        try (ReadAheadStream in = new ReadAheadStream(failing, threads, 2, 1000)) {
            assertThat(in.readNBytes(2500)).hasSize(2500);
            assertThatThrownBy(in::read).isInstanceOf(ZipException.class).hasMessage("invalid stored block lengths");
        }
    }

    @Test
    void closingEarlyStopsTheProducerAndClosesTheSource() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ReadAheadStream in = new ReadAheadStream(endless, threads, 2, 64);
        assertThat(in.read()).isEqualTo('x');
        in.close();
        assertThat(closed).isTrue();
        threads.shutdown();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).as("the producer thread ended").isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
    }
}
