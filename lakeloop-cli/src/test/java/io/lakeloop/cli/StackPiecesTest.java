package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPiecesTest {

    @TempDir
    Path dir;

    @Test
    void portsMustBeValidAndDistinct() {
        assertThat(Ports.defaults().byService()).containsEntry("broker", 9092).containsEntry("connect", 8083)
                .containsEntry("s3proxy", 9000).containsEntry("emulator", 8089).containsEntry("collator", 8090);
        assertThatThrownBy(() -> new Ports(9092, 9092, 8083, 9000, 8089, 8090))
                .hasMessageContaining("different");
        assertThatThrownBy(() -> new Ports(0, 9093, 8083, 9000, 8089, 8090)).hasMessageContaining("kafka");
    }

    @Test
    void demoWindowIsTheLastThreeHoursOfOneUtcDay() {
        DemoWindow midday = DemoWindow.endingAt(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(midday.to()).isEqualTo(Instant.parse("2026-11-26T11:58:00Z"));
        assertThat(midday.from()).isEqualTo(Instant.parse("2026-11-26T08:58:00Z"));
        DemoWindow early = DemoWindow.endingAt(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(early.from()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        DemoWindow afterMidnight = DemoWindow.endingAt(Instant.parse("2026-11-26T00:05:00Z"));
        assertThat(afterMidnight.to().atZone(ZoneOffset.UTC).toLocalDate().toString()).isEqualTo("2026-11-25");
        assertThat(afterMidnight.from().atZone(ZoneOffset.UTC).toLocalDate().toString()).isEqualTo("2026-11-25");
    }

    @Test
    void aPacedRunsWindowLastsExactlyAsLongAsItProducesWithinOneDay() {
        DemoWindow midday = DemoWindow.lasting(Instant.parse("2026-11-26T12:00:00Z"), java.time.Duration.ofMinutes(7));
        assertThat(midday.from()).isEqualTo(Instant.parse("2026-11-26T11:51:00Z"));
        assertThat(midday.to()).isEqualTo(Instant.parse("2026-11-26T11:58:00Z"));
        DemoWindow early = DemoWindow.lasting(Instant.parse("2026-11-26T00:05:00Z"), java.time.Duration.ofMinutes(7));
        assertThat(early.to()).isEqualTo(Instant.parse("2026-11-25T23:58:00Z"));
        assertThat(java.time.Duration.between(early.from(), early.to())).isEqualTo(java.time.Duration.ofMinutes(7));
    }

    @Test
    void aPidFileOnlyNamesTheProcessItWasWrittenFor() {
        Path run = dir.resolve("run");
        PidFile written = PidFile.write(run, "me", ProcessHandle.current());
        PidFile read = PidFile.read(run, "me").orElseThrow();
        assertThat(read.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(read.liveProcess()).contains(ProcessHandle.current());
        // same pid, another start instant: a recycled pid is never signalled
        PidFile recycled = new PidFile(written.path(), "me", written.pid(), Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(recycled.liveProcess()).isEmpty();
        read.delete();
        assertThat(PidFile.read(run, "me")).isEmpty();
        assertThat(ProcessSupervisor.stopRecorded(run, java.util.List.of("me"))).isEmpty();
    }

    @Test
    void brokerConfigIsOneKraftNodeOnTheChosenPorts() {
        StackSettings settings = new StackSettings(new LakeloopHome(dir), dir.resolve("data"),
                new Ports(19092, 19093, 18083, 19000, 18089, 18090), StackSettings.S3Credentials.local());
        Map<String, String> server = new BrokerProcess(settings).serverProperties();
        assertThat(server).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("offsets.topic.replication.factor", "1")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
        assertThat(server.get("log.dirs")).startsWith(dir.resolve("data").toString());
        Map<String, String> s3 = new S3ProxyProcess(settings).properties();
        assertThat(s3).containsEntry("s3proxy.endpoint", "http://127.0.0.1:19000")
                .containsEntry("jclouds.provider", "filesystem-nio2")
                .containsEntry("s3proxy.authorization", "aws-v2-or-v4");
    }
}
