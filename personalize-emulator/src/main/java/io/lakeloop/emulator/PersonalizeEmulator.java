package io.lakeloop.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Amazon Personalize Events endpoint: the REST-JSON API of the model, validated exactly as the model says,
 * with the service's quotas, SigV4 checks, recording of what it accepts and fault injection.
 *
 * <pre>{@code
 * try (PersonalizeEmulator emulator = PersonalizeEmulator.builder().port(0).build().start()) {
 *     PersonalizeEventsClient client = PersonalizeEventsClient.builder()
 *             .endpointOverride(emulator.endpoint()) ... .build();
 *     client.putEvents(...);
 *     List<RecordedEvent> events = emulator.recorded().events();
 * }
 * }</pre>
 */
public final class PersonalizeEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalizeEmulator.class);

    private final String host;
    private final EmulatorStats stats = new EmulatorStats();
    private final Resources resources = new Resources();
    private final Recorded recorded;
    private final Faults faults;
    private final InjectedErrors errors = new InjectedErrors();
    private final ServiceClock clock;
    private final ContainerCredentials containerCredentials;
    private final FaultSettings initialFaults;
    private final EmulatorServer server;
    private volatile boolean started;

    private PersonalizeEmulator(Builder builder) {
        this.host = builder.host;
        this.recorded = new Recorded(builder.maxRecordsPerOperation, builder.maxBytesPerOperation, builder.journal);
        builder.trackingIds.forEach(resources::registerTrackingId);
        builder.datasetArns.forEach(resources::registerDatasetArn);
        QuotaLimiter quota = new QuotaLimiter(builder.requestsPerSecond, System::nanoTime);
        this.faults = new Faults(builder.seed, stats, this::refuseConnections);
        this.initialFaults = builder.faults;
        this.clock = new ServiceClock(builder.clock);
        this.containerCredentials = new ContainerCredentials(builder.accessKeyId, builder.secretKey);
        ApiHandler api = new ApiHandler(new SigV4Authenticator(builder.accessKeyId, builder.secretKey, clock),
                faults, errors, resources, quota, recorded, stats);
        this.server = new EmulatorServer(host, builder.port, builder.threads, api,
                new AdminHandler(recorded, stats, faults, resources,
                        List.of(new ErrorsAdmin(errors, clock, containerCredentials))));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this for chaining. */
    public PersonalizeEmulator start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + server.port(), e);
        }
        started = true;
        LOG.info("Personalize emulator listening on {}", endpoint());
        if (!initialFaults.equals(FaultSettings.none())) {
            faults.set(initialFaults);
        }
        return this;
    }

    /** Where to point {@code endpointOverride}, e.g. {@code http://127.0.0.1:45123}. */
    public URI endpoint() {
        String reachable = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        if (reachable.contains(":")) {
            reachable = "[" + reachable + "]";
        }
        return URI.create("http://" + reachable + ":" + port());
    }

    /** The port listened on (the one chosen by the system when built with port 0, once started). */
    public int port() {
        return server.port();
    }

    public boolean isStarted() {
        return started;
    }

    public Faults faults() {
        return faults;
    }

    /** Errors answered on demand (AccessDenied, ValidationError, ...), after authentication and injected faults. */
    public InjectedErrors errors() {
        return errors;
    }

    /** The time SigV4's request-time check compares with; its offset can be changed while running. */
    public ServiceClock clock() {
        return clock;
    }

    /**
     * The container credentials endpoint, {@code <endpoint>/_emulator/credentials}: serves the configured key pair
     * (with a session token) to an SDK whose {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} points there.
     */
    public ContainerCredentials containerCredentials() {
        return containerCredentials;
    }

    public Recorded recorded() {
        return recorded;
    }

    public EmulatorStats stats() {
        return stats;
    }

    public Resources resources() {
        return resources;
    }

    private void refuseConnections(Duration length) {
        server.refuseFor(length);
    }

    @Override
    public void close() {
        server.close();
        recorded.close();
        if (started) {
            LOG.info("Personalize emulator on port {} stopped", port());
        }
    }

    /** Settings of an emulator; every one has a usable default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private int threads = 64;
        private String accessKeyId;
        private String secretKey;
        private final List<String> trackingIds = new ArrayList<>();
        private final List<String> datasetArns = new ArrayList<>();
        private final Map<Operation, Double> requestsPerSecond = new EnumMap<>(Operation.class);
        private Path journal;
        private int maxRecordsPerOperation = 1_000_000;
        private long maxBytesPerOperation = 128L * 1024 * 1024;
        private FaultSettings faults = FaultSettings.none();
        private long seed = System.nanoTime();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The address to listen on; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 (the default) lets the system choose, see {@link PersonalizeEmulator#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Handler threads, i.e. calls served at once; default 64. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Only this access key id is accepted (else 403 UnrecognizedClientException). */
        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        /** With the secret key too, every request's SigV4 signature is verified (else 403 InvalidSignature). */
        public Builder credentials(String accessKeyId, String secretKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            return this;
        }

        /** Registers an event tracker; once any is registered, other tracking ids get 404. */
        public Builder trackingId(String trackingId) {
            trackingIds.add(Objects.requireNonNull(trackingId, "trackingId"));
            return this;
        }

        /** Registers a dataset; once any is registered, other dataset ARNs get 404. */
        public Builder datasetArn(String datasetArn) {
            datasetArns.add(Objects.requireNonNull(datasetArn, "datasetArn"));
            return this;
        }

        /**
         * The quota of an operation in requests per second per tracking id / dataset (burst: one second's worth);
         * 0 switches it off. Defaults: {@link Operation#defaultRequestsPerSecond()}.
         */
        public Builder requestsPerSecond(Operation operation, double rate) {
            if (rate < 0 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("requests per second must not be negative: " + rate);
            }
            requestsPerSecond.put(Objects.requireNonNull(operation, "operation"), rate);
            return this;
        }

        /** Appends every accepted record as one JSON line to this file. */
        public Builder journal(Path file) {
            this.journal = file;
            return this;
        }

        /** How many records per operation are kept in memory (oldest dropped beyond); default 1,000,000. */
        public Builder maxRecordsPerOperation(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRecordsPerOperation must be at least 1: " + max);
            }
            this.maxRecordsPerOperation = max;
            return this;
        }

        /**
         * About how much memory the records of one operation may hold (oldest dropped beyond); default 128 MiB, so
         * at most ~640 MiB for all five operations. The journal file, if any, keeps everything.
         */
        public Builder maxBytesPerOperation(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytesPerOperation must be at least 1: " + maxBytes);
            }
            this.maxBytesPerOperation = maxBytes;
            return this;
        }

        /** Faults in force from the start (an outage in them starts with the server). */
        public Builder faults(FaultSettings faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Seeds the fault dice, for repeatable runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock SigV4's request-time check uses (default: the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PersonalizeEmulator build() {
            return new PersonalizeEmulator(this);
        }
    }
}
