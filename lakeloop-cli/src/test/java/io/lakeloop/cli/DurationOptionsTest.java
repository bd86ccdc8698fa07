package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.config.Durations;
import io.lakeloop.event.RecordValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every duration option of every {@code lakeloop} command reads 90s / 3h / 2d beside ISO-8601, and says so; with
 * {@code --json} a usage error is one object on stdout.
 */
class DurationOptionsTest {

    /** Every (command, option) pair whose type is a Duration, found by walking the command tree. */
    private static List<String[]> durationOptions() {
        List<String[]> found = new ArrayList<>();
        LakeloopMain.commandLine().getSubcommands().forEach((name, sub) -> {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (option.type() == Duration.class) {
                    found.add(new String[] {name, option.longestName()});
                }
            }
        });
        return found;
    }

    @Test
    void theDurationOptionsAreFoundAndEachReadsUnitsAndIso8601() {
        assertThat(durationOptions()).extracting(o -> o[0] + " " + o[1])
                .containsExactlyInAnyOrder("demo --duration", "demo --timeout", "deploy --timeout");
        for (String[] o : durationOptions()) {
            for (String text : List.of("90s", "PT90S", "1m30s", "90000ms")) {
                CommandLine cli = LakeloopMain.commandLine();
                CommandLine.ParseResult parsed = cli.parseArgs(o[0], o[1], text);
                Duration value = parsed.subcommand().matchedOptionValue(o[1], null);
                assertThat(value).as("%s %s %s", o[0], o[1], text).isEqualTo(Duration.ofSeconds(90));
            }
        }
    }

    @Test
    void defaultsAreReadThroughTheSameParser() {
        DeployCommand deploy = new DeployCommand();
        new CommandLine(deploy).parseArgs();
        assertThat(deploy.timeout).isEqualTo(Duration.ofMinutes(2));
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--duration", "2d");
        assertThat(demo.demoOptions.timeout).isEqualTo(Duration.ofMinutes(5));
        assertThat(demo.demoOptions.duration).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aBadDurationExitsTwoNamingTheOptionAndTheForms() {
        for (String[] o : durationOptions()) {
            for (String bad : List.of("-5s", "5x", "0s", "", "99999999999999999999d", "1.5h")) {
                StringWriter err = new StringWriter();
                CommandLine cli = LakeloopMain.commandLine();
                cli.setErr(new PrintWriter(err));
                cli.setOut(new PrintWriter(new StringWriter()));
                int code = cli.execute(o[0], o[1], bad);
                assertThat(code).as("%s %s %s", o[0], o[1], bad).isEqualTo(2);
                assertThat(err.toString()).as("%s %s %s", o[0], o[1], bad)
                        .contains("Invalid value for option '" + o[1] + "': '" + bad + "' ")
                        .contains("A duration is " + Durations.FORMS + ".");
            }
        }
    }

    @Test
    void withJsonAUsageErrorIsOneUsageObjectOnStdout() throws Exception {
        for (List<String> args : List.of(List.of("deploy", "--json", "--timeout", "5x"),
                List.of("status", "--kafka-port", "none", "--json"), List.of("demo", "--json", "--bogus"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = LakeloopMain.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));

            assertThat(cli.execute(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            JsonNode json = RecordValues.JSON.readTree(out.toString());
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("status", "exitCode", "error");
            assertThat(json.get("status").asText()).isEqualTo("USAGE");
            assertThat(json.get("exitCode").asInt()).isEqualTo(2);
            assertThat(err.toString()).as("%s", args).isEmpty();
            if (args.get(0).equals("deploy")) {
                assertThat(json.get("error").asText()).isEqualTo("Invalid value for option '--timeout': '5x' has an "
                        + "unknown unit 'x'. A duration is " + Durations.FORMS + ".");
            } else {
                assertThat(json.get("error").asText()).contains(args.get(0).equals("status") ? "--kafka-port"
                        : "--bogus");
            }
        }
    }

    @Test
    void helpShowsTheShortForms() {
        StringWriter out = new StringWriter();
        CommandLine cli = LakeloopMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("deploy", "--help")).isZero();
        assertThat(out.toString()).contains("--timeout=DURATION", "(default: 2m)", "90s");
    }
}
