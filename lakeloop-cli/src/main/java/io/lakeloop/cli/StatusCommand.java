package io.lakeloop.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lakeloop status}: which services of the local stack run, with their pid and endpoint, each Connect worker and
 * collator instance on its own line. Exit 0 when every service that is built runs, 3 otherwise.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which services of the local stack are running (exit code 0 when every built one is).")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    private static boolean isBuilt(StackSettings settings, String service) {
        if (service.equals(EmulatorProcess.NAME)) {
            return java.nio.file.Files.exists(settings.home().root().resolve(LocalStack.EMULATOR_JAR));
        }
        if (service.startsWith(CollatorProcess.NAME)) {
            return java.nio.file.Files.exists(settings.home().root().resolve(LocalStack.COLLATOR_JAR));
        }
        return true;
    }

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        StackSettings settings = options.settings();
        List<String> services = StackShape.recordedServices(settings.runDir());
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), services);
        boolean allUp = true;
        for (String service : services) {
            boolean built = isBuilt(settings, service);
            String pid = PidFile.read(settings.runDir(), service).filter(p -> alive.contains(service))
                    .map(p -> "pid " + p.pid()).orElse("-");
            String state = alive.contains(service) ? "running" : built ? "stopped" : "not built";
            console.result(String.format("%-9s %-9s %-10s %s", service, state, pid,
                    StackShape.endpoint(settings, service)));
            allUp &= alive.contains(service) || !built;
        }
        console.result("data: " + settings.dataDir());
        return allUp && !alive.isEmpty() ? 0 : 3;
    }
}
