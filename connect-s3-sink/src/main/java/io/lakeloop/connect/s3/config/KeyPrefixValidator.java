package io.lakeloop.connect.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A key prefix: empty, or not starting with '/', ending with '/', without control characters. */
final class KeyPrefixValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String s = value == null ? "" : value.toString();
        if (s.isEmpty()) {
            return;
        }
        if (s.startsWith("/")) {
            throw new ConfigException(name, s, "must not start with '/' (S3 keys are relative to the bucket)");
        }
        if (!s.endsWith("/")) {
            throw new ConfigException(name, s, "must end with '/'");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new ConfigException(name, s, "must not contain control characters");
            }
        }
    }

    @Override
    public String toString() {
        return "empty, or a key prefix ending in '/'";
    }
}
