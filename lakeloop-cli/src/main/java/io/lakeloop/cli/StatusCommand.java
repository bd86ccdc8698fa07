package io.lakeloop.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakeloop status}: which services of the local stack run, with their pid and endpoint. Exit 0 when all do. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which services of the local stack are running (exit code 0 when all of them are).")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        StackSettings settings = options.settings();
        Map<String, String> endpoints = Map.of(BrokerProcess.NAME, settings.kafkaBootstrap(), S3ProxyProcess.NAME,
                settings.s3Endpoint(), EmulatorProcess.NAME, settings.emulatorUrl(), ConnectProcess.NAME,
                settings.connectUrl(), CollatorProcess.NAME, settings.collatorUrl());
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), LocalStack.SERVICES);
        for (String service : LocalStack.SERVICES) {
            String pid = PidFile.read(settings.runDir(), service).filter(p -> alive.contains(service))
                    .map(p -> "pid " + p.pid()).orElse("-");
            console.result(String.format("%-9s %-8s %-10s %s", service, alive.contains(service) ? "running"
                    : "stopped", pid, endpoints.get(service)));
        }
        console.result("data: " + settings.dataDir());
        return alive.size() == LocalStack.SERVICES.size() ? 0 : 3;
    }
}
