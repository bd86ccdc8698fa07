package io.lakeloop.aws;

import java.util.Locale;

/** Where the base credentials come from; an assume-role, when set, is applied on top of them. */
public enum CredentialsMode {
    /** The SDK's default chain: environment, system properties, web identity, profile, container, instance. */
    DEFAULT,
    /** An access key id and secret (and optionally a session token) given in the configuration. */
    STATIC,
    /** A named profile of the shared config/credentials files. */
    PROFILE;

    public static CredentialsMode of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
