package io.lakeloop.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampNormalizerTest {

    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TimestampNormalizer auto =
            new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(1), null, CLOCK);

    @Test
    void readsEpochSecondsIntegralAndFractional() {
        assertThat(auto.normalize(1_700_000_000L, "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(auto.normalize(1_700_000_000.123, "ts")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(auto.normalize(1_700_000_000, "ts").getEpochSecond()).isEqualTo(1_700_000_000L);
    }

    @Test
    void detectsEpochMillisecondsByMagnitude() {
        assertThat(auto.normalize(1_700_000_000_123L, "ts")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(auto.toEpochSeconds(1_700_000_000_999L, "ts")).isEqualTo(1_700_000_000L);
        // the threshold itself is read as milliseconds: 3 March 1973
        assertThat(auto.normalize(100_000_000_000L, "ts")).isEqualTo(Instant.ofEpochMilli(100_000_000_000L));
        // just below it is seconds (the year 5138), accepted only with a skew that allows it
        TimestampNormalizer farFuture = new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(365L * 4000), null, CLOCK);
        assertThat(farFuture.normalize(99_999_999_999L, "ts").getEpochSecond()).isEqualTo(99_999_999_999L);
    }

    @Test
    void explicitUnitOverridesDetection() {
        TimestampNormalizer millis = new TimestampNormalizer(TimestampUnit.MILLISECONDS, Duration.ofDays(1), null, CLOCK);
        assertThat(millis.normalize(5_000L, "ts")).isEqualTo(Instant.ofEpochSecond(5));
        TimestampNormalizer seconds = new TimestampNormalizer(TimestampUnit.SECONDS, Duration.ofDays(1), null, CLOCK);
        assertThat(seconds.normalize(5_000L, "ts")).isEqualTo(Instant.ofEpochSecond(5_000));
        assertThatThrownBy(() -> seconds.normalize(1_700_000_000_000L, "ts"))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).rejection().code())
                .isEqualTo(ReasonCode.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void readsNumericStrings() {
        assertThat(auto.normalize("1700000000", "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(auto.normalize(" 1700000000123 ", "ts")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(auto.normalize("1.7e9", "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(auto.normalize(new BigDecimal("1700000000.5"), "ts")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
    }

    @Test
    void readsIsoWithZoneOrOffset() {
        assertThat(auto.normalize("2023-11-14T22:13:20Z", "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(auto.normalize("2023-11-14T23:13:20+01:00", "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(auto.normalize("2023-11-14T22:13:20.250Z", "ts")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_250L));
        assertThat(auto.normalize("2023-11-14 22:13:20Z", "ts")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-11-14T22:13:20", "yesterday", "2023-13-45T00:00:00Z", "12:00"})
    void rejectsUnparseableStrings(String value) {
        assertRejected(value, ReasonCode.TIMESTAMP_UNPARSEABLE);
    }

    @Test
    void rejectsNonFiniteNegativeFutureEmptyAndWrongType() {
        assertRejected(Double.NaN, ReasonCode.TIMESTAMP_NOT_FINITE);
        assertRejected(Double.POSITIVE_INFINITY, ReasonCode.TIMESTAMP_NOT_FINITE);
        assertRejected("NaN", ReasonCode.TIMESTAMP_NOT_FINITE);
        assertRejected("-Infinity", ReasonCode.TIMESTAMP_NOT_FINITE);
        assertRejected(-1L, ReasonCode.TIMESTAMP_NEGATIVE);
        assertRejected("-5", ReasonCode.TIMESTAMP_NEGATIVE);
        assertRejected(NOW.plus(Duration.ofDays(2)).getEpochSecond(), ReasonCode.TIMESTAMP_IN_FUTURE);
        assertRejected(1e300, ReasonCode.TIMESTAMP_IN_FUTURE);
        assertRejected("", ReasonCode.EMPTY_FIELD);
        assertRejected(null, ReasonCode.MISSING_FIELD);
        assertRejected(true, ReasonCode.TIMESTAMP_UNPARSEABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1e-2147483649", "1e999999999999", "0.0000000001e-2147483647"})
    void rejectsNumericStringsBeyondWhatADecimalHoldsInsteadOfThrowing(String value) {
        // BigDecimal refuses these exponents with a NumberFormatException, which used to escape the parser
        assertRejected(value, ReasonCode.TIMESTAMP_UNPARSEABLE);
    }

    @Test
    void rejectsIsoInstantsBeforeTheEpochAndBeyondTheMillisecondRange() {
        // the first used to escape as an ArithmeticException (long overflow), the second was accepted as a negative time
        assertRejected("-999999999-01-01T00:00:00Z", ReasonCode.TIMESTAMP_NEGATIVE);
        assertRejected("1969-12-31T23:59:59Z", ReasonCode.TIMESTAMP_NEGATIVE);
        assertRejected("+999999999-12-31T23:59:59Z", ReasonCode.TIMESTAMP_IN_FUTURE);
        TimestampNormalizer anyFuture = new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(365L * 1_000_000_000),
                null, CLOCK);
        assertThatThrownBy(() -> anyFuture.normalize("+999999999-12-31T23:59:59Z", "ts"))
                .asInstanceOf(type(InvalidEventException.class))
                .extracting(e -> e.rejection().code())
                .isEqualTo(ReasonCode.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void acceptsTheFutureWithinTheSkew() {
        assertThat(auto.normalize(NOW.plus(Duration.ofHours(23)).getEpochSecond(), "ts"))
                .isEqualTo(NOW.plus(Duration.ofHours(23)));
    }

    @Test
    void rejectsTooOldOnlyWhenAMaxAgeIsSet() {
        long old = NOW.minus(Duration.ofDays(40)).getEpochSecond();
        assertThat(auto.normalize(old, "ts").getEpochSecond()).isEqualTo(old);
        TimestampNormalizer bounded = new TimestampNormalizer(TimestampUnit.AUTO, Duration.ofDays(1), Duration.ofDays(30), CLOCK);
        assertThatThrownBy(() -> bounded.normalize(old, "ts"))
                .asInstanceOf(type(InvalidEventException.class))
                .satisfies(e -> {
                    assertThat(e.rejection().code()).isEqualTo(ReasonCode.TIMESTAMP_TOO_OLD);
                    assertThat(e.rejection().field()).isEqualTo("ts");
                });
    }

    @Test
    void messageNamesTheFieldButNotTheValue() {
        assertThatThrownBy(() -> auto.normalize("secret-value", "sentAt"))
                .hasMessageContaining("sentAt")
                .hasMessageNotContaining("secret-value");
    }

    private void assertRejected(Object value, ReasonCode code) {
        assertThatThrownBy(() -> auto.normalize(value, "ts"))
                .asInstanceOf(type(InvalidEventException.class))
                .extracting(e -> e.rejection().code())
                .isEqualTo(code);
    }
}
