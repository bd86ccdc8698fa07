package io.lakeloop.cli;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Where the CLI talks to the user: {@code out} for results (endpoints, the reconciliation — what scripts read) and
 * {@code err} for progress and diagnostics, so that {@code --json} output stays one clean object on stdout.
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;

    public Console(PrintWriter out, PrintWriter err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public void result(String line) {
        out.println(line);
        out.flush();
    }

    public void progress(String format, Object... args) {
        err.println(args.length == 0 ? format : String.format(format, args));
        err.flush();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
