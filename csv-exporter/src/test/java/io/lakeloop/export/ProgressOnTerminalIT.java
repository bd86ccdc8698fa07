package io.lakeloop.export;

import static io.lakeloop.export.TestParts.csv;
import static io.lakeloop.export.TestParts.gzip;
import static io.lakeloop.export.TestParts.rows;
import static io.lakeloop.export.TestParts.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakeloop.event.RecordValues;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar is drawn exactly when stderr is a terminal, whatever stdout is. The exporter's jar runs under
 * {@code script(1)} (util-linux), which gives it a real pseudo-terminal, with one of its streams redirected to a file.
 * Deciding from {@code System.console()} (stdin and stdout) gets both cases wrong.
 */
class ProgressOnTerminalIT {

    /** The bar's start, as {@link ProgressPrinter#bar} draws it at the start of a line. */
    private static final String BAR = "\r[";

    @TempDir
    Path dir;

    @BeforeEach
    void parts() {
        write(dir, "src/part-0.csv.gz", gzip(csv(rows("u", 2000, 40))));
        write(dir, "src/part-1.csv.gz", gzip(csv(rows("v", 2000, 40))));
    }

    @Test
    void stdoutRedirectedAndStderrOnATerminalDrawsTheBarAndKeepsTheJsonClean() throws Exception {
        Path json = dir.resolve("stdout.json");
        Terminal run = underTerminal(Map.of(), "--json > " + quoted(json));

        assertThat(run.exitCode()).as(run.screen()).isZero();
        assertThat(run.screen()).contains(BAR + "#".repeat(28) + "] 100%").doesNotContain("progress:");
        JsonNode result = RecordValues.JSON.readTree(Files.readString(json));
        assertThat(result.get("status").asText()).isEqualTo("OK");
        assertThat(result.at("/report/rowsOut").asLong()).isEqualTo(4000);
    }

    @Test
    void stderrRedirectedAndStdoutOnATerminalWritesPlainLines() throws Exception {
        Path err = dir.resolve("stderr.txt");
        Terminal run = underTerminal(Map.of(), "2> " + quoted(err));

        assertThat(run.exitCode()).as(run.screen()).isZero();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(stderr).contains("progress: 100%").doesNotContain("\r").doesNotContain("[#");
        assertThat(run.screen()).contains("report: ").doesNotContain("progress:");
    }

    @Test
    void aDumbTerminalGetsPlainLines() throws Exception {
        Terminal run = underTerminal(Map.of("TERM", "dumb"), "");

        assertThat(run.exitCode()).as(run.screen()).isZero();
        assertThat(run.screen()).contains("progress: 100%").doesNotContain(BAR);
    }

    private record Terminal(int exitCode, String screen) {
    }

    /** Runs the exporter on a pseudo-terminal with {@code redirections} appended to its shell command line. */
    private Terminal underTerminal(Map<String, String> env, String redirections) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", quoted(Path.of(java)), "-jar", quoted(JarProcess.jar().toAbsolutePath()),
                "--source", quoted(dir.resolve("src")), "--output", quoted(dir.resolve("out.csv")), redirections);
        Path screen = dir.resolve("screen.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of("script", "--quiet", "--return", "--command", command,
                "/dev/null")).directory(dir.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(screen.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("TERM", "xterm");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the exporter did not finish in 240 s: " + Files.readString(screen));
        }
        return new Terminal(p.exitValue(), Files.readString(screen, StandardCharsets.UTF_8));
    }

    private static String quoted(Path path) {
        String text = path.toString();
        if (text.contains("'")) {
            throw new IllegalArgumentException("a path with a quote: " + text);
        }
        return "'" + text + "'";
    }
}
