package io.lakeloop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the csv-exporter's jar against the local stack's S3, the way a scheduled job would: the AWS environment
 * variables point it at s3proxy with the local keys.
 */
final class ExporterRunner {

    private ExporterRunner() {
    }

    /** The local stack's S3 as the AWS environment variables every AWS SDK and CLI understand. */
    static Map<String, String> localAwsEnvironment(StackSettings settings) {
        return Map.of("AWS_ACCESS_KEY_ID", settings.s3().accessKey(),
                "AWS_SECRET_ACCESS_KEY", settings.s3().secretKey(),
                "AWS_REGION", settings.s3().region(),
                "AWS_ENDPOINT_URL_S3", settings.s3Endpoint());
    }

    record Result(int exitCode, String stdout) {
    }

    /** Runs {@code csv-exporter.jar args…}; stderr goes to {@code logs/exporter.log}, stdout is returned. */
    static Result run(StackSettings settings, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(JavaCommand.service("exporter", "384m", settings.dataDir())
                .jar(settings.home().exporterJar()).build());
        command.addAll(args);
        try {
            Files.createDirectories(settings.logsDir());
            Path out = settings.logsDir().resolve("exporter.stdout");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(settings.logsDir().resolve("exporter.log").toFile()));
            builder.environment().putAll(localAwsEnvironment(settings));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("The exporter did not finish within " + timeout.toSeconds() + " s (see "
                        + settings.logsDir().resolve("exporter.log") + ")");
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException("Cannot run the exporter: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while exporting", e);
        }
    }
}
