package io.lakeloop.config;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every {@link Duration} option of a Lakeloop command line through {@link Durations#parsePositive(String)}
 * ({@code 90s}, {@code 500ms}, {@code 3h}, {@code 2d}, {@code PT90S}); registered once per command line with
 * {@code commandLine.registerConverter(Duration.class, new DurationConverter())}. picocli names the option in the
 * error ({@code Invalid value for option '--timeout': '5x' has an unknown unit 'x'. A duration is ...}). Only the
 * command-line tools load this class, and they bring picocli (an optional dependency of core).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parsePositive(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
