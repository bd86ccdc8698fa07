package io.lakeloop.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeloop.testkit.HostileCorpus;
import io.lakeloop.testkit.HostileRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RawFormatTest {

    private final RawFormat format = new RawFormat();

    private static RecordView view(Object value) {
        return new RecordView(new SinkRecord("t", 0, null, null, null, value, 5, 0L, TimestampType.CREATE_TIME));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueWithoutLineBreaksIsWrittenByteForByte() throws RenderException {
        byte[] notUtf8 = {'{', (byte) 0xC3, 0x28, 0, '\\', '"', '}'};
        byte[] line = Arrays.copyOf(notUtf8, notUtf8.length + 1);
        line[notUtf8.length] = '\n';
        assertThat(format.render(view(notUtf8))).isEqualTo(line);
        assertThat(format.render(view("{\"a\":\"x\\\"y\"}"))).isEqualTo(utf8("{\"a\":\"x\\\"y\"}\n"));
        assertThat(format.render(view(ByteBuffer.wrap(utf8("plain text"))))).isEqualTo(utf8("plain text\n"));
        assertThat(format.render(view(new byte[0]))).isEqualTo(utf8("\n"));
        assertThat(format.extension()).isEqualTo(".raw");
        assertThat(format.header()).isEmpty();
    }

    @Test
    void valuesThatCannotBeOneLineAreBase64AndEveryLineDecodesToItsValue() throws RenderException {
        List<byte[]> values = new ArrayList<>(List.of(utf8("two\nlines"), utf8("cr\ronly"), utf8("\r\n"),
                utf8("base64:looks encoded"), utf8("base64:"), utf8("base6"), new byte[0]));
        for (HostileRecord r : HostileCorpus.records()) {
            if (r.value() != null) {
                values.add(r.value());
            }
        }
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        for (byte[] v : values) {
            object.writeBytes(format.render(view(v)));
        }
        List<byte[]> back = new ArrayList<>();
        byte[] all = object.toByteArray();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                back.add(RawFormat.value(Arrays.copyOfRange(all, start, i)));
                start = i + 1;
            }
        }
        assertThat(back).hasSameSizeAs(values);
        for (int i = 0; i < values.size(); i++) {
            assertThat(back.get(i)).as("value %d", i).isEqualTo(values.get(i));
        }
        assertThat(format.render(view("a\nb"))).isEqualTo(utf8("base64:YQpi\n"));
    }

    @Test
    void tombstonesAndStructuredValuesAreRenderErrors() {
        assertThatThrownBy(() -> format.render(view(null))).isInstanceOf(RenderException.class)
                .hasMessageContaining("tombstone");
        assertThatThrownBy(() -> format.render(view(Map.of("secret", "v")))).isInstanceOf(RenderException.class)
                .hasMessageContaining("ByteArrayConverter").hasMessageNotContaining("secret");
    }
}
