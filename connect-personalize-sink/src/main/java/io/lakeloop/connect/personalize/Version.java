package io.lakeloop.connect.personalize;

import io.lakeloop.BuildVersion;

/** The connector's version, from the Maven-filtered {@code io/lakeloop/connect/personalize/version.properties}. */
public final class Version {

    private static final String VERSION =
            BuildVersion.read(Version.class, "/io/lakeloop/connect/personalize/version.properties");

    private Version() {
    }

    public static String get() {
        return VERSION;
    }
}
