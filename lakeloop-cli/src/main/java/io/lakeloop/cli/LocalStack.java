package io.lakeloop.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole local stack: broker, s3proxy, Personalize emulator, Connect worker (with Lakeloop's connectors deployed
 * through its REST API) and the collator, started in that order as processes and stopped in reverse. Used by
 * {@code up} and {@code demo}; {@link #stopRecorded} stops a stack from its pid files ({@code down}).
 */
public final class LocalStack implements AutoCloseable {

    /** Start order; {@code down} stops in reverse. {@code lakeloop} is the {@code up} process itself. */
    public static final List<String> SERVICES = List.of(BrokerProcess.NAME, S3ProxyProcess.NAME, EmulatorProcess.NAME,
            ConnectProcess.NAME, CollatorProcess.NAME);
    static final String UP_PROCESS = "lakeloop";
    static final String EMULATOR_JAR = "personalize-emulator/target/personalize-emulator.jar";
    static final String COLLATOR_JAR = "streams-collator/target/streams-collator.jar";

    private final StackSettings settings;
    private final Console console;
    private final ProcessSupervisor supervisor;
    private final Map<String, String> endpoints = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> deployedConnectors = new ArrayList<>();
    private final Map<String, Map<String, String>> connectorConfigs = new LinkedHashMap<>();
    private boolean attached;

    private LocalStack(StackSettings settings, Console console) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.console = Objects.requireNonNull(console, "console");
        this.supervisor = new ProcessSupervisor(settings.runDir(), settings.logsDir());
    }

    /** Starts every service and deploys the connectors; on any failure stops what it started and rethrows. */
    public static LocalStack start(StackSettings settings, Console console) {
        requireNotRunning(settings);
        ProcessSupervisor.requireFreePorts(settings.ports().byService());
        LocalStack stack = new LocalStack(settings, console);
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
        return !ProcessSupervisor.recordedAlive(settings.runDir(), SERVICES).isEmpty();
    }

    /**
     * Uses a stack that {@code up} started from the same data folder, without owning it: {@link #close()} leaves it
     * running and the Connect worker cannot be restarted from here.
     */
    public static LocalStack attach(StackSettings settings, Console console) {
        LocalStack stack = new LocalStack(settings, console);
        stack.attached = true;
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), SERVICES);
        Map<String, String> endpoints = Map.of(BrokerProcess.NAME, settings.kafkaBootstrap(), S3ProxyProcess.NAME,
                settings.s3Endpoint(), EmulatorProcess.NAME, settings.emulatorUrl(), ConnectProcess.NAME,
                settings.connectUrl(), CollatorProcess.NAME, settings.collatorUrl());
        alive.forEach(name -> stack.endpoints.put(name, endpoints.get(name)));
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
        LocalStack stack = new LocalStack(settings, console);
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
        List<String> alive = new ArrayList<>(ProcessSupervisor.recordedAlive(settings.runDir(), SERVICES));
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
        inParallel(List.of(
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
        inParallel(List.of(
                () -> {
                    start(new ConnectProcess(settings).prepare(), "Kafka Connect worker (distributed)");
                    deployConnectors();
                },
                () -> {
                    if (optional(settings.home().root().resolve(COLLATOR_JAR), "collator")) {
                        start(new CollatorProcess(settings).prepare(), "collator (Kafka Streams)");
                    }
                }));
        console.progress("Stack up in %.1f s", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    private static void inParallel(List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "lakeloop-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            RuntimeException first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                            : new StackException(e.getCause().toString(), e.getCause());
                    if (first == null) {
                        first = failure;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while starting the stack", e);
        } finally {
            pool.shutdownNow();
        }
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
        List<LocalConnectors.Connector> connectors = LocalConnectors.load(settings);
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

    /**
     * Kills (SIGKILL) or stops (SIGTERM) the Connect worker, starts it again and waits until every connector runs:
     * the demo's chaos. Returns the seconds it took.
     */
    public double restartConnect(boolean kill) {
        if (attached) {
            throw new StackException("The Connect worker belongs to the running `lakeloop up`; stop it (lakeloop down) "
                    + "and run the demo alone to crash and restart the worker");
        }
        Instant begin = Instant.now();
        supervisor.restart(ConnectProcess.NAME, kill);
        ConnectorDeployer deployer = new ConnectorDeployer(settings.connectUrl());
        for (String name : deployedConnectors) {
            deployer.awaitRunning(name, Duration.ofSeconds(120));
        }
        return Duration.between(begin, Instant.now()).toMillis() / 1000.0;
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
        supervisor.stopInWaves(List.of(List.of(CollatorProcess.NAME, ConnectProcess.NAME),
                List.of(EmulatorProcess.NAME, S3ProxyProcess.NAME), List.of(BrokerProcess.NAME)));
        PidFile.read(settings.runDir(), UP_PROCESS)
                .filter(p -> p.pid() == ProcessHandle.current().pid())
                .ifPresent(PidFile::delete);
    }

    /**
     * {@code down}: asks a running {@code up} to stop (SIGTERM: its shutdown hook stops the services), then stops
     * whatever is still recorded, e.g. when {@code up} was killed. Returns what was stopped.
     */
    public static List<String> stopRecorded(StackSettings settings) {
        List<String> alive = ProcessSupervisor.recordedAlive(settings.runDir(), SERVICES);
        // up stops its services itself on SIGTERM, each within the supervisor's timeout: give it time for all waves
        List<String> stopped = new ArrayList<>(ProcessSupervisor.stopRecorded(settings.runDir(), List.of(UP_PROCESS),
                ProcessSupervisor.STOP_TIMEOUT.multipliedBy(4)));
        // what up stopped itself on SIGTERM counts as stopped too
        stopped.addAll(alive.stream().filter(name -> PidFile.read(settings.runDir(), name)
                .flatMap(PidFile::liveProcess).isEmpty()).toList());
        List<String> reverse = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(reverse);
        ProcessSupervisor.stopRecorded(settings.runDir(), reverse).stream().filter(n -> !stopped.contains(n))
                .forEach(stopped::add);
        return stopped;
    }
}
