package io.lakeloop.testkit;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import io.lakeloop.emulator.PersonalizeEmulator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/**
 * The Personalize emulator on an ephemeral port of 127.0.0.1, once per test class, with SigV4 checked against a
 * fixed test key pair.
 *
 * <pre>{@code
 * @RegisterExtension static final EmulatorExtension PERSONALIZE = EmulatorExtension.create();
 * cfg.putAll(PERSONALIZE.awsConnectorConfig());            // aws.endpoint, aws.region, static keys
 * assertThat(PERSONALIZE.emulator().recorded().events()).hasSize(10);
 * }</pre>
 */
public final class EmulatorExtension extends ClassScopedExtension {

    public static final String ACCESS_KEY = "AKIDLAKELOOPTEST";
    public static final String SECRET_KEY = "lakeloop-test-secret";
    public static final String REGION = "us-east-1";

    private final UnaryOperator<PersonalizeEmulator.Builder> customizer;
    private PersonalizeEmulator emulator;
    private PersonalizeEventsClient client;

    private EmulatorExtension(UnaryOperator<PersonalizeEmulator.Builder> customizer) {
        this.customizer = customizer;
    }

    public static EmulatorExtension create() {
        return new EmulatorExtension(UnaryOperator.identity());
    }

    /** With builder settings of the test's own, e.g. {@code b -> b.requestsPerSecond(Operation.PUT_EVENTS, 0)}. */
    public static EmulatorExtension create(UnaryOperator<PersonalizeEmulator.Builder> customizer) {
        return new EmulatorExtension(Objects.requireNonNull(customizer, "customizer"));
    }

    @Override
    protected void doStart() {
        emulator = customizer.apply(PersonalizeEmulator.builder().port(0).credentials(ACCESS_KEY, SECRET_KEY))
                .build().start();
    }

    @Override
    protected void doStop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            client = null;
            if (emulator != null) {
                emulator.close();
                emulator = null;
            }
        }
    }

    public PersonalizeEmulator emulator() {
        requireRunning();
        return emulator;
    }

    public URI endpoint() {
        return emulator().endpoint();
    }

    /** Settings for any Lakeloop client: this endpoint, the test region and key pair. */
    public AwsSettings awsSettings() {
        return AwsSettings.forEndpoint(endpoint(), REGION, ACCESS_KEY, SECRET_KEY);
    }

    /** The {@code aws.*} keys of a Lakeloop connector pointed at this emulator. */
    public Map<String, String> awsConnectorConfig() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("aws.endpoint", endpoint().toString());
        cfg.put("aws.region", REGION);
        cfg.put("aws.credentials.provider", "static");
        cfg.put("aws.access.key.id", ACCESS_KEY);
        cfg.put("aws.secret.access.key", SECRET_KEY);
        return cfg;
    }

    /** A real SDK client for this emulator, made through core's {@link AwsClients}; owned here, do not close. */
    public synchronized PersonalizeEventsClient client() {
        requireRunning();
        if (client == null) {
            client = AwsClients.configure(PersonalizeEventsClient.builder(), awsSettings()).build();
        }
        return client;
    }

    /** Forgets what was recorded and clears injected faults, e.g. between test methods. */
    public void reset() {
        emulator().recorded().clear();
        emulator().faults().reset();
    }
}
