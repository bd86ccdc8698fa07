package io.lakeloop.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stack's Amazon Personalize: the project's emulator ({@code personalize-emulator.jar}), which accepts PutEvents /
 * PutItems / PutUsers exactly as the service model says, records what it accepts ({@code GET /_emulator/events}) and
 * appends it to {@code emulator/journal.jsonl}. It enforces Personalize's PutEvents quota of
 * {@value #EVENTS_QUOTA_PER_SECOND} calls/s per tracking id (429 beyond it), as the real service does.
 */
final class EmulatorProcess {

    static final String NAME = "emulator";
    static final int EVENTS_QUOTA_PER_SECOND = 1000;
    /** What it keeps in memory for {@code /_emulator/events} (about 800,000 events): a backlog of minutes at 2,000/s. */
    static final int RECORDS_MB = 384;

    private final StackSettings settings;

    EmulatorProcess(StackSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    Path journal() {
        return settings.serviceDir("emulator").resolve("journal.jsonl");
    }

    ServiceSpec prepare() {
        List<String> command = JavaCommand.service(NAME, "768m", settings.dataDir())
                .property("sun.net.httpserver.nodelay", "true")
                .jar(settings.home().emulatorJar())
                .arg("--host", settings.host(), "--port", settings.ports().emulator(), "--journal", journal(),
                        "--events-rps", EVENTS_QUOTA_PER_SECOND, "--max-record-mb", RECORDS_MB)
                .build();
        return new ServiceSpec(NAME, command, settings.serviceDir("emulator"), Map.of(),
                Readiness.http(settings.emulatorUrl() + "/_emulator/health"), Duration.ofSeconds(60),
                settings.emulatorUrl());
    }
}
