package io.lakeloop.cli;

import io.lakeloop.event.RecordValues;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakeloop status}: which services of the local stack run, with their pid and endpoint, each Connect worker and
 * collator instance on its own line. Exit 0 when every service that is built runs, 3 otherwise. {@code --json}: one
 * object on stdout, {@code status} ({@code RUNNING} / {@code DEGRADED} / {@code STOPPED}), {@code exitCode},
 * {@code dataDir} and {@code services} (each {@code name}, {@code state} {@code RUNNING} / {@code STOPPED} /
 * {@code NOT_BUILT}, {@code pid} or null, {@code endpoint}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which services of the local stack are running (exit code 0 when every built one is).")
public final class StatusCommand implements Callable<Integer> {

    static final int NOT_ALL_RUNNING = 3;

    @Mixin
    StackOptions options;

    @Option(names = "--json", description = "Print one JSON object on stdout: status (RUNNING, DEGRADED, STOPPED), "
            + "exitCode, dataDir, services (name, state RUNNING|STOPPED|NOT_BUILT, pid or null, endpoint).")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One service as {@code status} reports it. */
    record Service(String name, String state, Long pid, String endpoint) {
    }

    private static boolean isBuilt(StackSettings settings, String service) {
        if (service.equals(EmulatorProcess.NAME)) {
            return Files.exists(settings.home().root().resolve(LocalStack.EMULATOR_JAR));
        }
        if (service.startsWith(CollatorProcess.NAME)) {
            return Files.exists(settings.home().root().resolve(LocalStack.COLLATOR_JAR));
        }
        return true;
    }

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        StackSettings settings = options.settings();
        List<Service> services = services(settings);
        boolean anyRunning = services.stream().anyMatch(s -> s.state().equals("RUNNING"));
        boolean allUp = anyRunning && services.stream().noneMatch(s -> s.state().equals("STOPPED"));
        int code = allUp ? 0 : NOT_ALL_RUNNING;
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("status", allUp ? "RUNNING" : anyRunning ? "DEGRADED" : "STOPPED");
            o.put("exitCode", code);
            o.put("dataDir", settings.dataDir().toAbsolutePath().toString());
            o.put("services", services);
            console.result(RecordValues.JSON.valueToTree(o).toString());
            return code;
        }
        for (Service s : services) {
            console.result(String.format("%-9s %-9s %-10s %s", s.name(),
                    s.state().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    s.pid() == null ? "-" : "pid " + s.pid(), s.endpoint()));
        }
        console.result("data: " + settings.dataDir());
        return code;
    }

    private static List<Service> services(StackSettings settings) {
        List<String> names = StackShape.recordedServices(settings.runDir());
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), names);
        List<Service> services = new ArrayList<>();
        for (String name : names) {
            boolean running = alive.contains(name);
            Long pid = running ? PidFile.read(settings.runDir(), name).map(PidFile::pid).orElse(null) : null;
            String state = running ? "RUNNING" : isBuilt(settings, name) ? "STOPPED" : "NOT_BUILT";
            services.add(new Service(name, state, pid, StackShape.endpoint(settings, name)));
        }
        return services;
    }
}
