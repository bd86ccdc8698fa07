package io.lakeloop;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} of every Lakeloop command line ({@code @Command(versionProvider = BuildVersionProvider.class)}):
 * the command's name and {@link BuildVersion#current()}. Only the command-line tools load this class, and they bring
 * picocli (an optional dependency of core, so the Connect plugins never bundle it).
 */
public final class BuildVersionProvider implements IVersionProvider {

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String name = spec == null ? "lakeloop" : spec.qualifiedName();
        return new String[] {name + " " + BuildVersion.current()};
    }
}
