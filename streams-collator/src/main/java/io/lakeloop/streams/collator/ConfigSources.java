package io.lakeloop.streams.collator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where the collator's configuration comes from, 12-factor style: a properties file, then environment variables,
 * later sources winning.
 *
 * <p>Environment mapping: a variable {@code LAKELOOP_COLLATOR_<NAME>} sets the key made from {@code <NAME>} by
 * lower-casing it and turning {@code _} into {@code .}, {@code __} into {@code _} and {@code ___} into {@code -}.
 * When {@code collator.<key>} is one of the collator's own keys, the {@code collator.} prefix may be left out:
 * <pre>
 * LAKELOOP_COLLATOR_BOOTSTRAP_SERVERS      → bootstrap.servers
 * LAKELOOP_COLLATOR_PROCESSING_GUARANTEE   → processing.guarantee
 * LAKELOOP_COLLATOR_NUM_STANDBY_REPLICAS   → num.standby.replicas
 * LAKELOOP_COLLATOR_DEDUPE_RETENTION_MS    → collator.dedupe.retention.ms
 * LAKELOOP_COLLATOR_HTTP_PORT              → collator.http.port
 * LAKELOOP_COLLATOR_SASL_JAAS_CONFIG       → sasl.jaas.config
 * </pre>
 */
public final class ConfigSources {

    public static final String ENV_PREFIX = "LAKELOOP_COLLATOR_";

    private ConfigSources() {
    }

    /** The properties of {@code file} (UTF-8), overridden by the {@link #ENV_PREFIX} variables of {@code env}. */
    public static Properties load(Path file, Map<String, String> env) {
        Properties props = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read the collator config file " + file + ": " + e.getMessage());
            }
        }
        props.putAll(fromEnvironment(env));
        return props;
    }

    /** The config keys set by {@code env}, per the mapping above. */
    public static Properties fromEnvironment(Map<String, String> env) {
        Properties props = new Properties();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX) && e.getKey().length() > ENV_PREFIX.length()) {
                props.put(keyOf(e.getKey().substring(ENV_PREFIX.length())), e.getValue());
            }
        }
        return props;
    }

    /** {@code DEDUPE_RETENTION_MS → collator.dedupe.retention.ms}, {@code BOOTSTRAP_SERVERS → bootstrap.servers}. */
    static String keyOf(String name) {
        String key = name.toLowerCase(Locale.ROOT)
                .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
        String own = CollatorConfig.PREFIX + key;
        return !key.startsWith(CollatorConfig.PREFIX) && CollatorConfig.CONFIG_DEF.names().contains(own) ? own : key;
    }
}
