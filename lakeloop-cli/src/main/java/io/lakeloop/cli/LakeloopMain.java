package io.lakeloop.cli;

import io.lakeloop.BuildVersionProvider;
import io.lakeloop.config.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
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
