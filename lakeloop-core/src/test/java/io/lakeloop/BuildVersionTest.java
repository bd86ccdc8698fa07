package io.lakeloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class BuildVersionTest {

    @Test
    void readsTheVersionPropertyAndFallsBackToUnknown() {
        assertThat(BuildVersion.read(BuildVersionTest.class, "/build-version-test.properties")).isEqualTo("1.2.3");
        assertThat(BuildVersion.read(BuildVersionTest.class, "/no-such-file.properties")).isEqualTo(BuildVersion.UNKNOWN);
        assertThat(BuildVersion.read(BuildVersionTest.class, "/build-version-unfiltered.properties"))
                .isEqualTo(BuildVersion.UNKNOWN);
    }

    @Test
    void theCurrentVersionIsTheBuildsFilteredVersion() {
        assertThat(BuildVersion.current()).isNotEqualTo(BuildVersion.UNKNOWN)
                .isEqualTo(System.getProperty("lakeloop.expected.version"));
    }

    @Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = BuildVersionProvider.class,
            subcommands = Sub.class)
    static final class Tool implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = BuildVersionProvider.class)
    static final class Sub implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void versionOptionPrintsTheCommandNameAndTheBuildVersion() {
        assertThat(version("--version")).isEqualTo("tool " + BuildVersion.current());
        assertThat(version("sub", "--version")).isEqualTo("tool sub " + BuildVersion.current());
    }

    private static String version(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Tool());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString().strip();
    }
}
