package io.lakeloop.cli;

import io.lakeloop.BuildVersionProvider;
import io.lakeloop.config.DurationConverter;
import io.lakeloop.event.RecordValues;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakeloop}: the local stack and the fronts of Lakeloop's tools. The only class that exits the JVM. A
 * {@link StackException} is printed as its message alone (it says what to do); anything else with its trace.
 */
@Command(name = "lakeloop", mixinStandardHelpOptions = true, versionProvider = BuildVersionProvider.class,
        description = "Lakeloop: Kafka between your S3 data lake and Amazon Personalize, on your machine or your MSK.",
        subcommands = {UpCommand.class, DownCommand.class, DemoCommand.class, ExportCommand.class,
                CollateCommand.class, EmulatorCommand.class, DeployCommand.class, StatusCommand.class, CommandLine.HelpCommand.class})
public final class LakeloopMain {

    /** Exit code of a usage error (picocli's for invalid input). */
    static final int USAGE = 2;

    private LakeloopMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests that run the CLI in-JVM). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with Lakeloop's converters and error handling, not yet run (tests give it their writers). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(LakeloopMain.class);
        cli.registerConverter(Duration.class, new DurationConverter());
        // with --json, a usage error (unknown option, bad value) is one object on stdout too, as the exporter's
        CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (!List.of(arguments).contains("--json")) {
                return standard.handleParseException(e, arguments);
            }
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("status", "USAGE");
            usage.put("exitCode", USAGE);
            usage.put("error", e.getMessage());
            PrintWriter out = e.getCommandLine().getOut();
            out.println(RecordValues.JSON.valueToTree(usage).toString());
            out.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof StackException || e instanceof IllegalArgumentException) {
                err.println("lakeloop: " + e.getMessage());
            } else {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    static Console console(CommandSpec spec) {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
