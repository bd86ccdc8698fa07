package io.lakeloop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S", "90s, PT1M30S", "15m, PT15M", "3h, PT3H", "2d, PT48H", "1h30m, PT1H30M",
            "1d2h3m4s5ms, PT26H3M4.005S", "90S, PT1M30S", "3H, PT3H", "2D, PT48H", "500MS, PT0.5S", "0s, PT0S",
            "007s, PT7S", "PT90S, PT1M30S", "pt90s, PT1M30S", "P2D, PT48H", "P1DT2H, PT26H", "PT0.25S, PT0.25S",
            "+PT5S, PT5S"})
    void readsUnitsAndIso8601(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(Durations.parse("  90s\t\n")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theLongestDurationIsWhatALongOfNanosecondsHolds() {
        assertThat(Durations.parse("106751d")).isEqualTo(Duration.ofDays(106_751));
        assertThat(Durations.parse("106751d23h47m16s")).isEqualTo(Durations.MAX.withNanos(0));
        assertThat(Durations.format(Durations.MAX.withNanos(0))).isEqualTo("106751d23h47m16s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''            | '' is empty. A duration is",
            "'   '         | '   ' is empty.",
            "-5s           | '-5s' is negative.",
            "-PT5S         | '-PT5S' is negative.",
            "PT-5S         | 'PT-5S' is negative.",
            "P-1D          | 'P-1D' is negative.",
            "90            | '90' has no unit.",
            "0             | '0' has no unit.",
            "5x            | '5x' has an unknown unit 'x'.",
            "5sec          | '5sec' has an unknown unit 'sec'.",
            "5mss          | '5mss' has an unknown unit 'mss'.",
            "1.5h          | '1.5h' has a fraction; use a smaller unit (90m, not 1.5h).",
            "'1,5h'        | '1,5h' has a fraction",
            "30m1h         | '30m1h' repeats a unit or puts a smaller one first.",
            "1h1h          | '1h1h' repeats a unit",
            "s             | 's' is not a duration.",
            "h5            | 'h5' is not a duration.",
            "'1h 30m'      | '1h 30m' is not a duration.",
            "P             | 'P' is not a duration.",
            "PT            | 'PT' is not a duration.",
            "PTxS          | 'PTxS' is not a duration.",
            "+5s           | '+5s' is not a duration.",
            "0x10s         | '0x10s' has an unknown unit 'x'.",
            "9223372036854775808s | '9223372036854775808s' is too long; at most 106751d23h47m16s (about 292 years).",
            "106752d       | '106752d' is too long;",
            "106751d23h47m17s | is too long;",
            "9999999999999999999999d | is too long;",
            "PT9223372036854775807S | is too long;",
            "P9999999999999999999D | is too long;",
            "P106752D      | is too long;"})
    void refusesBadInputWithItsReasonAndTheAcceptedForms(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageEndingWith("A duration is " + Durations.FORMS + ".");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).hasMessageStartingWith("'' is empty.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "5\u0000s", "\ud800s", "5\ud800", "\u202e5s", "５s", "٥s", "5ｓ", "5\u212a",
            "1e3s", "NaN", "Infinity", "∞s", "${jndi:ldap://x}", "5s;rm -rf /", "\r\n5s\r\nX", "%n", "\u00a05s"})
    void hostileTextIsRefusedAndEchoedSafely(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("A duration is " + Durations.FORMS + ".")
                .satisfies(e -> assertThat(e.getMessage().chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c)))
                        .as("no control or lone surrogate characters in: %s", e.getMessage()).isTrue());
    }

    @Test
    void hugeTextIsRefusedWithoutParsingAndEchoedShort() {
        String huge = "9".repeat(1_000_000) + "s";
        assertThatThrownBy(() -> Durations.parse(huge)).hasMessageStartingWith("'" + "9".repeat(40) + "…' is longer "
                + "than 64 characters.");
        String nested = "1h".repeat(40);
        assertThatThrownBy(() -> Durations.parse(nested)).hasMessageContaining("is longer than 64 characters");
    }

    @Test
    void escapesControlCharactersInTheEcho() {
        assertThatThrownBy(() -> Durations.parse("5\u0007s")).hasMessageStartingWith("'5\\u0007s' is not a duration.");
        assertThatThrownBy(() -> Durations.parse("\ud800")).hasMessageStartingWith("'\\ud800' is not a duration.");
    }

    @Test
    void namedParsePutsTheOptionFirst() {
        assertThatThrownBy(() -> Durations.parse("--timeout", "5x"))
                .hasMessageStartingWith("--timeout: '5x' has an unknown unit 'x'.");
        assertThat(Durations.parse("--timeout", "2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void positiveRefusesZeroInEveryForm() {
        for (String zero : new String[] {"0s", "0ms", "0d0h", "PT0S", "P0D"}) {
            assertThatThrownBy(() -> Durations.parsePositive(zero)).hasMessageContaining("is zero; give a positive "
                    + "duration.");
        }
        assertThatThrownBy(() -> Durations.parsePositive("--poll", "0s")).hasMessageStartingWith("--poll: '0s' is zero");
        assertThat(Durations.parsePositive("1ms")).isEqualTo(Duration.ofMillis(1));
    }

    @ParameterizedTest
    @CsvSource({"PT2M, 2m", "PT1H30M, 1h30m", "PT0.5S, 500ms", "PT0S, 0s", "PT48H, 2d", "PT26H3M4.005S, 1d2h3m4s5ms",
            "PT0.000001S, PT0.000001S", "PT-1S, PT-1S"})
    void formatsTheShortestReadableForm(String iso, String text) {
        Duration d = Duration.parse(iso);
        assertThat(Durations.format(d)).isEqualTo(text);
        if (!d.isNegative()) {
            assertThat(Durations.parse(text)).isEqualTo(d);
        }
    }

    @Test
    void thePicocliConverterRefusesZeroAndSaysWhy() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'0s' is zero; give a positive duration.");
        assertThatThrownBy(() -> converter.convert("3 hours")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'3 hours' is not a duration.");
    }
}
