package io.lakeloop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reads a component's version from a Maven-filtered properties file on its class path: the one implementation
 * behind each plugin's {@code Version} class (Connect shows it in the REST API and MSK Connect in its console).
 */
public final class BuildVersion {

    public static final String UNKNOWN = "unknown";

    /** Core's own, Maven-filtered: every module of a build shares the reactor's version. */
    static final String CURRENT_RESOURCE = "/io/lakeloop/build.properties";

    private static final String CURRENT = read(BuildVersion.class, CURRENT_RESOURCE);

    private BuildVersion() {
    }

    /**
     * @return the version of this build of Lakeloop (the lakeloop-core jar on the class path, which every component
     *         bundles from the same build), or {@link #UNKNOWN} when run from unfiltered classes
     */
    public static String current() {
        return CURRENT;
    }

    /**
     * @param anchor   a class of the component, whose class loader holds the file (a plugin's own loader in Connect)
     * @param resource the absolute resource name, e.g. {@code /lakeloop-connect-s3-sink.properties}
     * @return the {@code version} property, or {@link #UNKNOWN} when the file is missing, unreadable or unfiltered
     */
    public static String read(Class<?> anchor, String resource) {
        Properties props = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            props.load(in);
        } catch (IOException e) {
            return UNKNOWN;
        }
        String v = props.getProperty("version", UNKNOWN).trim();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
