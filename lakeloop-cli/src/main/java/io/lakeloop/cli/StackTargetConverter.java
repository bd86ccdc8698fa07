package io.lakeloop.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --target local|compose}, case-insensitive, with the accepted values in the error. */
final class StackTargetConverter implements ITypeConverter<StackTarget> {

    @Override
    public StackTarget convert(String value) {
        try {
            return StackTarget.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a target; use one of "
                    + Arrays.stream(StackTarget.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
