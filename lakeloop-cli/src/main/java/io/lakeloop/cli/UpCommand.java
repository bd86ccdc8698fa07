package io.lakeloop.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakeloop up}: starts the local stack, prints its endpoints on stdout and runs until Ctrl-C / SIGTERM (or
 * {@code lakeloop down}), then stops every service. Exits 1 when a service dies on its own.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack (Kafka, Connect with Lakeloop's connectors, S3, the Personalize "
                + "emulator, the collator) and run until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Mixin
    ScaleOptions scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Console console = LakeloopMain.console(spec);
        LocalStack stack = LocalStack.start(options.settings(), scale.shape(), console);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            console.progress("Stopping the stack ...");
            stack.close();
            console.progress("Stopped.");
            stopped.countDown();
        }, "lakeloop-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StackDescription.lines(stack).forEach(console::result);
        console.progress("Running. Ctrl-C (or lakeloop down) stops everything. In another terminal, "
                + "lakeloop demo runs a clickstream through this stack.");
        while (true) {
            Optional<String> exited = stack.supervisor().firstExited();
            if (exited.isPresent()) {
                console.progress("ERROR: %s; stopping the stack.", exited.get());
                return 1;
            }
            try {
                if (stopped.await(Duration.ofSeconds(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
    }
}
