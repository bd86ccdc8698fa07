package io.lakeloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many Connect workers and collator instances the local stack runs. Instance 1 keeps the plain service name
 * ({@code connect}, {@code collator}) and the base port; instance {@code i > 1} is {@code connect-i} /
 * {@code collator-i} on base port + i - 1, with its own data folder, log and pid file. The workers form one Connect
 * group; the collators share one {@code application.id}.
 */
public record StackShape(int connectWorkers, int collatorInstances) {

    /** The most instances of either kind: the stack's topics have 3 partitions, so more would idle. */
    public static final int MAX_INSTANCES = 8;
    private static final Pattern INSTANCE = Pattern.compile("(" + ConnectProcess.NAME + "|" + CollatorProcess.NAME
            + ")-([2-9])\\.pid");

    public StackShape {
        require("--connect-workers", connectWorkers);
        require("--collator-instances", collatorInstances);
    }

    public static StackShape single() {
        return new StackShape(1, 1);
    }

    private static void require(String option, int value) {
        if (value < 1 || value > MAX_INSTANCES) {
            throw new IllegalArgumentException(option + " must be 1.." + MAX_INSTANCES + ", not " + value);
        }
    }

    static String connectName(int instance) {
        return instanceName(ConnectProcess.NAME, instance);
    }

    static String collatorName(int instance) {
        return instanceName(CollatorProcess.NAME, instance);
    }

    private static String instanceName(String base, int instance) {
        return instance == 1 ? base : base + "-" + instance;
    }

    public List<String> connectNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= connectWorkers; i++) {
            names.add(connectName(i));
        }
        return names;
    }

    public List<String> collatorNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= collatorInstances; i++) {
            names.add(collatorName(i));
        }
        return names;
    }

    /** Every service of this shape in start order. */
    public List<String> services() {
        List<String> names = new ArrayList<>(List.of(BrokerProcess.NAME, S3ProxyProcess.NAME, EmulatorProcess.NAME));
        names.addAll(connectNames());
        names.addAll(collatorNames());
        return names;
    }

    /** The port of a service of this stack: base ports for single services, base + i - 1 for instance i. */
    static int port(Ports ports, String service) {
        Matcher m = Pattern.compile("(.+)-([2-9])").matcher(service);
        String base = m.matches() ? m.group(1) : service;
        int offset = m.matches() ? Integer.parseInt(m.group(2)) - 1 : 0;
        return switch (base) {
            case BrokerProcess.NAME -> ports.kafka();
            case S3ProxyProcess.NAME -> ports.s3();
            case EmulatorProcess.NAME -> ports.emulator();
            case ConnectProcess.NAME -> ports.connect() + offset;
            case CollatorProcess.NAME -> ports.collator() + offset;
            default -> throw new IllegalArgumentException("Unknown service " + service);
        };
    }

    /** What a user connects to for {@code service}: the bootstrap address of the broker, else a URL. */
    static String endpoint(StackSettings settings, String service) {
        if (service.equals(BrokerProcess.NAME)) {
            return settings.kafkaBootstrap();
        }
        return "http://" + settings.host() + ":" + port(settings.ports(), service);
    }

    /** Port per service (and the controller's), every one distinct: for the free-port check before starting. */
    public Map<String, Integer> portsByService(Ports ports) {
        Map<String, Integer> map = new LinkedHashMap<>(ports.byService());
        connectNames().forEach(name -> map.put(name, port(ports, name)));
        collatorNames().forEach(name -> map.put(name, port(ports, name)));
        Map<Integer, String> seen = new LinkedHashMap<>();
        map.forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                throw new IllegalArgumentException("Port " + port + " would serve both " + other + " and " + name
                        + " (instance i listens on the base port + i - 1): choose other ports");
            }
        });
        return map;
    }

    /**
     * Every service a stack started from {@code runDir} may have recorded, in start order: the single services and
     * each instance that has a pid file (for {@code down} and {@code status}, which are not told the shape).
     */
    public static List<String> recordedServices(Path runDir) {
        int workers = 1;
        int collators = 1;
        if (Files.isDirectory(runDir)) {
            try (Stream<Path> files = Files.list(runDir)) {
                for (Path file : files.toList()) {
                    Matcher m = INSTANCE.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        int instance = Integer.parseInt(m.group(2));
                        if (m.group(1).equals(ConnectProcess.NAME)) {
                            workers = Math.max(workers, instance);
                        } else {
                            collators = Math.max(collators, instance);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + runDir, e);
            }
        }
        return new StackShape(workers, collators).services();
    }
}
