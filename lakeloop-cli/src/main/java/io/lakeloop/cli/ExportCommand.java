package io.lakeloop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code lakeloop export …}: the csv-exporter ({@code csv-exporter.jar}); every argument is the exporter's own
 * ({@code lakeloop export --help} shows them). {@code --local} points it at the local stack's S3.
 */
@Command(name = "export", description = {"Export a lake partition to the one CSV Personalize imports (the "
        + "csv-exporter). Arguments are the exporter's: lakeloop export --help.",
        "Example on the local stack: lakeloop export --local --source s3://lake/crm_derived_restricted/"
                + "t200_dashboard_interaction/dt=2026-11-26/ --output s3://downstream/recommender/personalize_input.csv"})
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--local", description = "Use the local stack's S3 endpoint and keys (lakeloop up).")
    boolean local;

    @Mixin
    StackOptions stack;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        StackSettings settings = stack.settings();
        Map<String, String> env = local ? ExporterRunner.localAwsEnvironment(settings) : Map.of();
        return ToolRunner.run("exporter", settings.home().exporterJar(), "512m", args, env);
    }
}
