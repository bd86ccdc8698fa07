package io.lakeloop.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakeloop down}: stops a stack started by {@code up} or {@code demo}, from its pid files. Data is kept. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the local stack (also when the `up` that started it was killed). Data is kept.")
public final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        StackSettings settings = options.settings();
        List<String> stopped = LocalStack.stopRecorded(settings);
        console.progress(stopped.isEmpty() ? "Nothing was running from " + settings.dataDir()
                : "Stopped " + String.join(", ", stopped) + ". Data kept in " + settings.dataDir());
        return 0;
    }
}
