package io.lakeloop.connect.s3;

import io.lakeloop.BuildVersion;

/** The plugin version, from the Maven-filtered {@code lakeloop-connect-s3-sink.properties}. */
public final class Version {

    private static final String VERSION = BuildVersion.read(Version.class, "/lakeloop-connect-s3-sink.properties");

    private Version() {
    }

    public static String get() {
        return VERSION;
    }
}
