package io.lakeloop.connect.s3.key;

import io.lakeloop.connect.s3.config.S3SinkConfig.TimeSource;
import io.lakeloop.connect.s3.format.RecordView;
import io.lakeloop.connect.s3.format.RenderException;
import io.lakeloop.event.InvalidEventException;
import io.lakeloop.event.TimestampNormalizer;
import io.lakeloop.event.TimestampUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The time of a record for its key parts and record-time rotation, in epoch milliseconds. */
public final class RecordTime {

    private final TimeSource source;
    private final String field;
    private final Clock clock;
    private final TimestampNormalizer normalizer;

    public RecordTime(TimeSource source, String field, Clock clock) {
        this(source, field, TimestampUnit.AUTO, clock);
    }

    public RecordTime(TimeSource source, String field, TimestampUnit unit, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.field = field;
        this.clock = Objects.requireNonNull(clock, "clock");
        // the lake keeps whatever time the event carries: no age limit here, only a readable instant
        this.normalizer = new TimestampNormalizer(unit, Duration.ofDays(365L * 1000), null, clock);
    }

    public TimeSource source() {
        return source;
    }

    /** @throws RenderException when {@code time.source=field} and the field is missing or not a time */
    public long of(RecordView view) throws RenderException {
        return switch (source) {
            case WALLCLOCK -> clock.millis();
            case RECORD -> {
                Long ts = view.record().timestamp();
                yield ts == null || ts < 0 ? clock.millis() : ts;
            }
            case FIELD -> {
                try {
                    yield normalizer.normalize(view.field(field), field).toEpochMilli();
                } catch (InvalidEventException e) {
                    throw new RenderException(e.rejection().message());
                }
            }
        };
    }
}
