package io.lakeloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackShapeTest {

    @TempDir
    Path dir;

    private final Ports ports = new Ports(19092, 19093, 18083, 19000, 18089, 18090);

    @Test
    void instancesAfterTheFirstAreNumberedAndListenOnTheFollowingPorts() {
        StackShape shape = new StackShape(3, 2);

        assertThat(shape.connectNames()).containsExactly("connect", "connect-2", "connect-3");
        assertThat(shape.collatorNames()).containsExactly("collator", "collator-2");
        assertThat(shape.services()).containsExactly("broker", "s3proxy", "emulator", "connect", "connect-2",
                "connect-3", "collator", "collator-2");
        assertThat(shape.portsByService(ports)).containsEntry("connect", 18083).containsEntry("connect-2", 18084)
                .containsEntry("connect-3", 18085).containsEntry("collator", 18090).containsEntry("collator-2", 18091)
                .containsEntry("broker controller", 19093);
    }

    @Test
    void refusesInstancePortsThatCollideWithAnotherService() {
        Ports tight = new Ports(19092, 19093, 18088, 19000, 18089, 18090);

        assertThatThrownBy(() -> new StackShape(2, 1).portsByService(tight))
                .hasMessageContaining("18089").hasMessageContaining("emulator").hasMessageContaining("connect-2");
        assertThatThrownBy(() -> new StackShape(0, 1)).hasMessageContaining("--connect-workers");
        assertThatThrownBy(() -> new StackShape(1, 9)).hasMessageContaining("--collator-instances");
    }

    @Test
    void downAndStatusFindEveryInstanceFromThePidFiles() {
        Path run = dir.resolve("run");
        assertThat(StackShape.recordedServices(run)).isEqualTo(StackShape.single().services());

        PidFile.write(run, "connect-3", ProcessHandle.current());
        PidFile.write(run, "collator-2", ProcessHandle.current());

        assertThat(StackShape.recordedServices(run)).isEqualTo(new StackShape(3, 2).services());
    }

    @Test
    void everyWorkerGetsItsOwnPortFolderAndConfigButTheSameGroup() {
        StackSettings settings = new StackSettings(new LakeloopHome(dir), dir.resolve("data"), ports,
                StackSettings.S3Credentials.local());
        ConnectProcess second = new ConnectProcess(settings, 2);
        Map<String, String> first = new ConnectProcess(settings, 1).workerProperties();
        Map<String, String> other = second.workerProperties();

        assertThat(second.name()).isEqualTo("connect-2");
        assertThat(other).containsEntry("listeners", "http://127.0.0.1:18084")
                .containsEntry("rest.advertised.port", "18084")
                .containsEntry("group.id", first.get("group.id"))
                .containsEntry("scheduled.rebalance.max.delay.ms", "10000")
                .containsEntry("consumer.session.timeout.ms", "10000");
        assertThat(second.pluginDir()).isEqualTo(dir.resolve("data").resolve("connect-2").resolve("plugins"));
        CollatorProcess collator = new CollatorProcess(settings, 2);
        assertThat(collator.properties()).containsEntry("collator.http.port", "18091")
                .containsEntry("session.timeout.ms", "10000")
                .containsEntry("state.dir", dir.resolve("data/collator-2/state").toString());
        assertThat(List.of(collator.name(), StackShape.endpoint(settings, "collator-2")))
                .containsExactly("collator-2", "http://127.0.0.1:18091");
    }
}
