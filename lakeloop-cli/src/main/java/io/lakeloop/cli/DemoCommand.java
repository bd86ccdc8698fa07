package io.lakeloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lakeloop demo}: the whole loop on this machine, reconciled. Exits 0 only when every number reconciles.
 * With {@code --json} the reconciliation is the only thing on stdout.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the local stack, produce a synthetic clickstream (Zipf users and items, sessions, both "
                + "payload shapes, a few broken events), wait until it has flowed through Personalize (emulator), "
                + "the upstream bucket, the collator and the lake, export the day for Personalize, and reconcile "
                + "every stage.", "Exit code 0 only when every number reconciles."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Mixin
    DemoOptions demoOptions;

    @Mixin
    ScaleOptions scaleOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new DemoRun(stackOptions.settings(), demoOptions, scaleOptions, LakeloopMain.console(spec)).run();
    }
}
