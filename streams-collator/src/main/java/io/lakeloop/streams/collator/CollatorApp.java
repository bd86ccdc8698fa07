package io.lakeloop.streams.collator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collator service's entry point: {@code java -jar streams-collator.jar [collator.properties]}. Reads the file
 * and the {@code LAKELOOP_COLLATOR_*} environment ({@link ConfigSources}), starts a {@link CollatorService}, closes
 * it gracefully on SIGTERM/SIGINT, and exits 0 after a clean stop, 1 after a fatal stream error and 2 on bad
 * configuration. The only class that exits the JVM.
 *
 * <p>The CLI runs it in-process with {@link #run(Properties)} (blocks until stopped, returns the exit code) or
 * forks the jar.
 */
public final class CollatorApp {

    public static final int EXIT_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CollatorApp.class);

    private CollatorApp() {
    }

    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.err.println("usage: java -jar streams-collator.jar [collator.properties]");
            System.err.println("  keys may also be set as LAKELOOP_COLLATOR_<KEY> environment variables");
            System.exit(EXIT_CONFIG);
        }
        Properties props;
        try {
            props = ConfigSources.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        System.exit(run(props));
    }

    /**
     * Runs the collator until SIGTERM/SIGINT or a fatal error: starts it, installs the shutdown hook, waits.
     *
     * @return {@link CollatorService#EXIT_OK}, {@link CollatorService#EXIT_FAILED} or {@link #EXIT_CONFIG}
     */
    public static int run(Properties props) {
        CollatorService service;
        try {
            service = CollatorService.start(CollatorConfig.of(props));
        } catch (ConfigException e) {
            LOG.error("bad configuration: {}", e.getMessage());
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            LOG.error("the collator could not start", e);
            return CollatorService.EXIT_FAILED;
        }
        Thread hook = new Thread(service::close, "collator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = service.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = CollatorService.EXIT_FAILED;
        }
        service.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
        LOG.info("collator stopped with exit code {}", code);
        return code;
    }

    /** As {@link #run(Properties)} for a map of config keys. */
    public static int run(Map<String, String> config) {
        Properties props = new Properties();
        props.putAll(config);
        return run(props);
    }
}
