package io.lakeloop.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole local stack: broker, s3proxy, Personalize emulator, the Connect workers (with Lakeloop's connectors
 * deployed through the REST API) and the collator instances ({@link StackShape}: one of each by default), started in
 * that order as processes and stopped in reverse. Used by {@code up} and {@code demo}; {@link #stopRecorded} stops a
 * stack from its pid files ({@code down}).
 */
public final class LocalStack implements AutoCloseable {

    /** Start order; {@code down} stops in reverse. {@code lakeloop} is the {@code up} process itself. */
    public static final List<String> SERVICES = List.of(BrokerProcess.NAME, S3ProxyProcess.NAME, EmulatorProcess.NAME,
            ConnectProcess.NAME, CollatorProcess.NAME);
    static final String UP_PROCESS = "lakeloop";
    /** Service names, for the fault scenarios of the demo. */
    public static final String BROKER = BrokerProcess.NAME;
    public static final String S3 = S3ProxyProcess.NAME;
    public static final String EMULATOR = EmulatorProcess.NAME;
    static final String EMULATOR_JAR = "personalize-emulator/target/personalize-emulator.jar";
    static final String COLLATOR_JAR = "streams-collator/target/streams-collator.jar";

    private final StackSettings settings;
    private final StackShape shape;
    private final Console console;
    private final ProcessSupervisor supervisor;
    private final Map<String, String> endpoints = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> deployedConnectors = new ArrayList<>();
    private final Map<String, Map<String, String>> connectorConfigs = new LinkedHashMap<>();
    private boolean attached;

    private LocalStack(StackSettings settings, StackShape shape, Console console) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.console = Objects.requireNonNull(console, "console");
        this.supervisor = new ProcessSupervisor(settings.runDir(), settings.logsDir());
    }

    /** Starts one of every service and deploys the connectors. */
    public static LocalStack start(StackSettings settings, Console console) {
        return start(settings, StackShape.single(), console);
    }

    /**
     * Starts every service, as many Connect workers and collator instances as {@code shape} says, and deploys the
     * connectors; on any failure stops what it started and rethrows.
     */
    public static LocalStack start(StackSettings settings, StackShape shape, Console console) {
        requireNotRunning(settings);
        ProcessSupervisor.requireFreePorts(shape.portsByService(settings.ports()));
        LocalStack stack = new LocalStack(settings, shape, console);
        // Ctrl-C / SIGTERM while starting: stop what already runs (the callers install their own hook afterwards)
        Thread hook = new Thread(stack::close, "lakeloop-start-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    /** True when a stack started from this data folder is running ({@code up} in another terminal). */
    public static boolean isRunning(StackSettings settings) {
        return !ProcessSupervisor.recordedAlive(settings.runDir(), StackShape.recordedServices(settings.runDir()))
                .isEmpty();
    }

    /**
     * Uses a stack that {@code up} started from the same data folder, without owning it: {@link #close()} leaves it
     * running and the Connect worker cannot be restarted from here.
     */
    public static LocalStack attach(StackSettings settings, Console console) {
        List<String> recorded = StackShape.recordedServices(settings.runDir());
        StackShape shape = new StackShape((int) recorded.stream().filter(n -> n.startsWith(ConnectProcess.NAME))
                .count(), (int) recorded.stream().filter(n -> n.startsWith(CollatorProcess.NAME)).count());
        LocalStack stack = new LocalStack(settings, shape, console);
        stack.attached = true;
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), recorded);
        alive.forEach(name -> stack.endpoints.put(name, StackShape.endpoint(settings, name)));
        if (alive.contains(ConnectProcess.NAME)) {
            List<String> deployed = new ConnectorDeployer(settings.connectUrl()).connectors();
            for (LocalConnectors.Connector c : LocalConnectors.load(settings)) {
                if (deployed.contains(c.name())) {
                    stack.connectorConfigs.put(c.name(), c.config());
                    stack.deployedConnectors.add(c.name());
                }
            }
        }
        console.progress("Using the stack already running from %s (%s)", settings.dataDir(), String.join(", ", alive));
        return stack;
    }

    /**
     * A view of a stack this process did not start and never stops ({@link ExternalStack}, {@code demo --target
     * compose}): every service counts as running at the settings' endpoints, with the connectors given.
     */
    static LocalStack external(StackSettings settings, Console console,
                               Map<String, Map<String, String>> connectorConfigs) {
        LocalStack stack = new LocalStack(settings, StackShape.single(), console);
        stack.attached = true;
        for (String service : SERVICES) {
            stack.endpoints.put(service, service);
        }
        stack.connectorConfigs.putAll(connectorConfigs);
        stack.deployedConnectors.addAll(connectorConfigs.keySet());
        return stack;
    }

    public boolean attached() {
        return attached;
    }

    private static void requireNotRunning(StackSettings settings) {
        List<String> alive = new ArrayList<>(ProcessSupervisor.recordedAlive(settings.runDir(),
                StackShape.recordedServices(settings.runDir())));
        alive.addAll(ProcessSupervisor.recordedAlive(settings.runDir(), List.of(UP_PROCESS)));
        if (!alive.isEmpty()) {
            throw new StackException("A stack is already running from " + settings.dataDir() + " (" + alive
                    + "). Stop it with: lakeloop down" + dataDirOption(settings));
        }
    }

    private static String dataDirOption(StackSettings settings) {
        return " --data-dir " + settings.dataDir();
    }

    private void startAll() {
        Instant begin = Instant.now();
        PidFile.write(settings.runDir(), UP_PROCESS, ProcessHandle.current());
        // independent services start side by side: the broker with S3 and the emulator, then Connect with the collator
        Parallel.run(List.of(
                () -> start(new BrokerProcess(settings).prepare(supervisor), "Kafka broker (KRaft)"),
                () -> start(new S3ProxyProcess(settings).prepare(), "S3 (s3proxy, buckets "
                        + S3ProxyProcess.BUCKETS + ")"),
                () -> {
                    if (optional(settings.home().root().resolve(EMULATOR_JAR), "Personalize emulator")) {
                        start(new EmulatorProcess(settings).prepare(), "Personalize emulator");
                    }
                }));
        List<String> created = Topics.ensure(settings.kafkaBootstrap(), Duration.ofSeconds(60));
        if (!created.isEmpty()) {
            console.progress("  created topics %s", created);
        }
        List<Runnable> clients = new ArrayList<>();
        clients.add(() -> {
            List<Runnable> workers = new ArrayList<>();
            for (int i = 1; i <= shape.connectWorkers(); i++) {
                ConnectProcess worker = new ConnectProcess(settings, i);
                workers.add(() -> start(worker.prepare(), "Kafka Connect worker " + worker.name() + " (distributed)"));
            }
            Parallel.run(workers);
            deployConnectors();
        });
        if (optional(settings.home().root().resolve(COLLATOR_JAR), "collator")) {
            for (int i = 1; i <= shape.collatorInstances(); i++) {
                CollatorProcess collator = new CollatorProcess(settings, i);
                clients.add(() -> start(collator.prepare(), "collator " + collator.name() + " (Kafka Streams)"));
            }
        }
        Parallel.run(clients);
        console.progress("Stack up in %.1f s", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    private boolean optional(java.nio.file.Path jar, String what) {
        if (Files.exists(jar)) {
            return true;
        }
        console.progress("  WARNING: %s not started: %s is not built", what, settings.home().root().relativize(jar));
        return false;
    }

    private void start(ServiceSpec spec, String description) {
        Instant begin = Instant.now();
        console.progress("Starting %s ...", description);
        supervisor.start(spec);
        endpoints.put(spec.name(), spec.endpoint());
        console.progress("  %s ready on %s (%.1f s)", spec.name(), spec.endpoint(),
                Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    private void deployConnectors() {
        ConnectorDeployer deployer = new ConnectorDeployer(settings.connectUrl());
        List<LocalConnectors.Connector> connectors = LocalConnectors.spread(LocalConnectors.load(settings),
                shape.connectWorkers());
        if (connectors.isEmpty()) {
            console.progress("  WARNING: no connector configs in %s to deploy", settings.home().configDir());
        }
        for (LocalConnectors.Connector connector : connectors) {
            deployer.deploy(connector.name(), connector.config(), Duration.ofSeconds(60));
            connectorConfigs.put(connector.name(), connector.config());
        }
        for (LocalConnectors.Connector connector : connectors) {
            deployer.awaitRunning(connector.name(), Duration.ofSeconds(90));
            deployedConnectors.add(connector.name());
            console.progress("  connector %s RUNNING", connector.name());
        }
    }

    public StackShape shape() {
        return shape;
    }

    /** The folder s3proxy keeps {@code bucket} in (its filesystem store). */
    public java.nio.file.Path bucketFolder(String bucket) {
        return new S3ProxyProcess(settings).baseDir().resolve(bucket);
    }

    /** What a client connects to for {@code service} (bootstrap address of the broker, else a URL). */
    public String endpoint(String service) {
        return StackShape.endpoint(settings, service);
    }

    /** The configurations the connectors were deployed with (after localisation). */
    public Map<String, Map<String, String>> connectorConfigs() {
        return java.util.Collections.unmodifiableMap(connectorConfigs);
    }

    public StackSettings settings() {
        return settings;
    }

    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    public List<String> deployedConnectors() {
        return List.copyOf(deployedConnectors);
    }

    public boolean isRunning(String service) {
        return endpoints.containsKey(service);
    }

    /** Leaves the services running after this process exits ({@code demo --keep-running}); {@code down} stops them. */
    public void detach() {
        PidFile.read(settings.runDir(), UP_PROCESS)
                .filter(p -> p.pid() == ProcessHandle.current().pid())
                .ifPresent(PidFile::delete);
    }

    /** Stops every service, last started first, and removes the {@code up} pid file. */
    @Override
    public void close() {
        if (attached) {
            return;
        }
        // the broker's clients first, side by side, then the endpoints they call, then the broker
        List<String> clients = new ArrayList<>(shape.collatorNames());
        clients.addAll(shape.connectNames());
        supervisor.stopInWaves(List.of(clients, List.of(EmulatorProcess.NAME, S3ProxyProcess.NAME),
                List.of(BrokerProcess.NAME)));
        PidFile.read(settings.runDir(), UP_PROCESS)
                .filter(p -> p.pid() == ProcessHandle.current().pid())
                .ifPresent(PidFile::delete);
    }

    /**
     * {@code down}: asks a running {@code up} to stop (SIGTERM: its shutdown hook stops the services), then stops
     * whatever is still recorded, e.g. when {@code up} was killed. Returns what was stopped.
     */
    public static List<String> stopRecorded(StackSettings settings) {
        List<String> services = StackShape.recordedServices(settings.runDir());
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), services);
        // up stops its services itself on SIGTERM, each within the supervisor's timeout: give it time for all waves
        List<String> stopped = new ArrayList<>(ProcessSupervisor.stopRecorded(settings.runDir(), List.of(UP_PROCESS),
                ProcessSupervisor.STOP_TIMEOUT.multipliedBy(4)));
        // what up stopped itself on SIGTERM counts as stopped too
        stopped.addAll(alive.stream().filter(name -> PidFile.read(settings.runDir(), name)
                .flatMap(PidFile::liveProcess).isEmpty()).toList());
        List<String> reverse = new ArrayList<>(services);
        java.util.Collections.reverse(reverse);
        ProcessSupervisor.stopRecorded(settings.runDir(), reverse).stream().filter(n -> !stopped.contains(n))
                .forEach(stopped::add);
        return stopped;
    }
}
