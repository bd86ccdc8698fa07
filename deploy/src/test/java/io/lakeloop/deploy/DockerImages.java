package io.lakeloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * What the {@code *DockerIT} share: the images this build made and the address containers are reached at.
 *
 * <p>{@code lakeloop.docker.host} (default 127.0.0.1; the pom passes it, and the same value as
 * {@code TESTCONTAINERS_HOST_OVERRIDE}) is where the engine publishes container ports: every published port binds to
 * that address only, as compose binds to 127.0.0.1, so the emulator's unauthenticated admin endpoints and Connect's
 * REST API are never open on the host's other interfaces while the tests run.
 */
final class DockerImages {

    static final String VERSION = System.getProperty("lakeloop.version", "0.1.0-SNAPSHOT");
    static final String HOST = System.getProperty("lakeloop.docker.host", "127.0.0.1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DockerImages() {
    }

    static String image(String name) {
        return "lakeloop/" + name + ":" + VERSION;
    }

    /** A container of one of our images whose ports are published on {@link #HOST} only (random host ports). */
    static GenericContainer<?> container(String name, Integer... ports) {
        return published(new GenericContainer<>(image(name)).withExposedPorts(ports), Map.of());
    }

    /** Publishes the container's exposed ports on {@link #HOST}: on the given host ports, else on random ones. */
    static GenericContainer<?> published(GenericContainer<?> container, Map<Integer, Integer> fixedHostPorts) {
        return container.withCreateContainerCmdModifier(cmd -> {
            List<PortBinding> bindings = new ArrayList<>();
            for (ExposedPort exposed : cmd.getExposedPorts() == null ? new ExposedPort[0] : cmd.getExposedPorts()) {
                Integer hostPort = fixedHostPorts.get(exposed.getPort());
                bindings.add(new PortBinding(hostPort == null ? Ports.Binding.bindIp(HOST)
                        : Ports.Binding.bindIpAndPort(HOST, hostPort), exposed));
            }
            cmd.getHostConfig().withPortBindings(bindings);
        });
    }

    static URI endpoint(GenericContainer<?> container, int port) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a GET that must answer 200. */
    static String get200(URI uri) {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }

    /** Our images run as the non-root user and say which build they come from. */
    static void assertNonRootAndLabelled(GenericContainer<?> container) {
        InspectContainerResponse info = container.getCurrentContainerInfo();
        assertThat(info.getConfig().getUser()).isEqualTo("10001:0");
        assertThat(info.getConfig().getLabels()).containsEntry("org.opencontainers.image.version", VERSION)
                .containsKey("org.opencontainers.image.revision");
    }

    /** The state the image's own HEALTHCHECK reports now ("starting", "healthy", "unhealthy"). */
    static String health(GenericContainer<?> container) {
        return container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec()
                .getState().getHealth().getStatus();
    }
}
