package io.lakeloop.connect.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin version, from the Maven-filtered {@code lakeloop-connect-s3-sink.properties}. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/lakeloop-connect-s3-sink.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = props.getProperty("version", "unknown").trim();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
