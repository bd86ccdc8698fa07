package io.lakeloop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code lakeloop emulator …}: the Personalize emulator ({@code personalize-emulator.jar}) in the foreground, on port
 * {@value Ports#DEFAULT_EMULATOR} unless {@code --port} says otherwise.
 */
@Command(name = "emulator", description = {"Run the local Amazon Personalize Events endpoint in the foreground until "
        + "Ctrl-C. Arguments are the emulator's: lakeloop emulator --help."})
public final class EmulatorCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> toolArgs = new ArrayList<>(args);
        if (toolArgs.stream().noneMatch(a -> a.equals("--port") || a.startsWith("--port="))) {
            toolArgs.add("--port=" + Ports.DEFAULT_EMULATOR);
        }
        return ToolRunner.run("emulator", LakeloopHome.locate().emulatorJar(), "512m", toolArgs, Map.of());
    }
}
