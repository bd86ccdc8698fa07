package io.lakeloop.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTest {

    @TempDir
    Path dir;

    private Path link(String name, String target) throws Exception {
        return Files.createSymbolicLink(dir.resolve(name), Path.of(target));
    }

    @Test
    void aLinkToAPseudoTerminalOrTtyIsATerminal() throws Exception {
        assertThat(Terminal.fdLink(link("pts", "/dev/pts/3")).stderrIsTerminal()).contains(true);
        assertThat(Terminal.fdLink(link("tty", "/dev/tty1")).stderrIsTerminal()).contains(true);
        assertThat(Terminal.fdLink(link("ctty", "/dev/tty")).stderrIsTerminal()).contains(true);
        assertThat(Terminal.fdLink(link("console", "/dev/console")).stderrIsTerminal()).contains(true);
    }

    @Test
    void aPipeAFileOrDevNullIsNot() throws Exception {
        assertThat(Terminal.fdLink(link("pipe", "pipe:[123456]")).stderrIsTerminal()).contains(false);
        assertThat(Terminal.fdLink(link("file", "/var/log/export.log")).stderrIsTerminal()).contains(false);
        assertThat(Terminal.fdLink(link("null", "/dev/null")).stderrIsTerminal()).contains(false);
        assertThat(Terminal.fdLink(link("socket", "socket:[99]")).stderrIsTerminal()).contains(false);
        assertThat(Terminal.fdLink(link("lookalike", "/tmp/dev/pts/1")).stderrIsTerminal()).contains(false);
    }

    @Test
    void whatIsNotALinkCannotTell() throws Exception {
        assertThat(Terminal.fdLink(dir.resolve("missing")).stderrIsTerminal()).isEmpty();
        assertThat(Terminal.fdLink(Files.createFile(dir.resolve("plain"))).stderrIsTerminal()).isEmpty();
    }

    @Test
    void theProbeDecidesAndTheFallbackIsAskedOnlyWhenItCannotTell() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(Terminal.decide(Map.of(), () -> Optional.of(true), () -> asked.incrementAndGet() < 0)).isTrue();
        assertThat(Terminal.decide(Map.of(), () -> Optional.of(false), () -> asked.incrementAndGet() > 0)).isFalse();
        assertThat(asked).hasValue(0);
        assertThat(Terminal.decide(Map.of(), Optional::empty, () -> asked.incrementAndGet() > 0)).isTrue();
        assertThat(Terminal.decide(Map.of(), Optional::empty, () -> asked.incrementAndGet() < 0)).isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aDumbTerminalNeverGetsTheBar() {
        assertThat(Terminal.decide(Map.of("TERM", "dumb"), () -> Optional.of(true), () -> true)).isFalse();
        assertThat(Terminal.decide(Map.of("TERM", "xterm-256color"), () -> Optional.of(true), () -> true)).isTrue();
    }

    @Test
    void thisProcessUnderMavenWritesStderrToAPipeOrFile() {
        // surefire's forked JVM has its stderr on a pipe to the plugin: never a terminal, whatever System.console says
        assertThat(Terminal.stderrIsTerminal(Map.of())).isFalse();
    }
}
