package io.lakeloop.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@code aws.*} configuration keys every Lakeloop connector shares, as a fragment added to a connector's
 * {@link ConfigDef}, and the {@link AwsSettings} read back from a parsed config. Cross-key rules
 * (static keys need a secret, an external id needs a role) are checked by {@link #settings(AbstractConfig)},
 * which a connector's {@code validate()} and {@code start()} call.
 */
public final class AwsConfigDef {

    public static final String GROUP = "AWS";

    public static final String REGION_CONFIG = "aws.region";
    private static final String REGION_DOC = "AWS region, e.g. eu-west-1. Empty: the SDK's region chain "
            + "(AWS_REGION, profile, instance metadata).";
    public static final String ENDPOINT_CONFIG = "aws.endpoint";
    private static final String ENDPOINT_DOC = "Endpoint override: a VPC endpoint, an S3-compatible store, or the "
            + "Personalize emulator, e.g. http://127.0.0.1:8089. Empty: the service's public endpoint.";
    public static final String CREDENTIALS_CONFIG = "aws.credentials.provider";
    private static final String CREDENTIALS_DOC = "Where credentials come from: 'default' (the SDK's default chain: "
            + "environment, profile, web identity, container/instance role), 'static' (aws.access.key.id and "
            + "aws.secret.access.key) or 'profile' (aws.profile).";
    public static final String ACCESS_KEY_CONFIG = "aws.access.key.id";
    private static final String ACCESS_KEY_DOC = "Access key id, with aws.credentials.provider=static.";
    public static final String SECRET_KEY_CONFIG = "aws.secret.access.key";
    private static final String SECRET_KEY_DOC = "Secret access key, with aws.credentials.provider=static.";
    public static final String SESSION_TOKEN_CONFIG = "aws.session.token";
    private static final String SESSION_TOKEN_DOC = "Session token of temporary static credentials (optional).";
    public static final String PROFILE_CONFIG = "aws.profile";
    private static final String PROFILE_DOC = "Named profile of the shared AWS config files, with aws.credentials.provider=profile.";
    public static final String ROLE_ARN_CONFIG = "aws.sts.role.arn";
    private static final String ROLE_ARN_DOC = "A role to assume with STS on top of the base credentials (optional).";
    public static final String EXTERNAL_ID_CONFIG = "aws.sts.role.external.id";
    private static final String EXTERNAL_ID_DOC = "External id the role's trust policy requires (optional).";
    public static final String SESSION_NAME_CONFIG = "aws.sts.role.session.name";
    private static final String SESSION_NAME_DOC = "Session name of the assumed role, shown in CloudTrail.";
    public static final String CONNECT_TIMEOUT_CONFIG = "aws.http.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_DOC = "TCP connect timeout of AWS calls.";
    public static final String READ_TIMEOUT_CONFIG = "aws.http.read.timeout.ms";
    private static final String READ_TIMEOUT_DOC = "Socket read timeout of AWS calls.";

    private AwsConfigDef() {
    }

    /** Adds the {@code aws.*} keys to {@code def} and returns it. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(REGION_CONFIG, Type.STRING, "", Importance.HIGH, REGION_DOC, GROUP, ++order, Width.SHORT, "Region")
                .define(ENDPOINT_CONFIG, Type.STRING, "", new EndpointValidator(), Importance.MEDIUM, ENDPOINT_DOC,
                        GROUP, ++order, Width.LONG, "Endpoint override")
                .define(CREDENTIALS_CONFIG, Type.STRING, "default",
                        ConfigDef.CaseInsensitiveValidString.in("default", "static", "profile"), Importance.HIGH,
                        CREDENTIALS_DOC, GROUP, ++order, Width.SHORT, "Credentials provider")
                .define(ACCESS_KEY_CONFIG, Type.STRING, "", Importance.MEDIUM, ACCESS_KEY_DOC, GROUP, ++order,
                        Width.MEDIUM, "Access key id")
                .define(SECRET_KEY_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, SECRET_KEY_DOC, GROUP, ++order,
                        Width.MEDIUM, "Secret access key")
                .define(SESSION_TOKEN_CONFIG, Type.PASSWORD, "", Importance.LOW, SESSION_TOKEN_DOC, GROUP, ++order,
                        Width.LONG, "Session token")
                .define(PROFILE_CONFIG, Type.STRING, "", Importance.LOW, PROFILE_DOC, GROUP, ++order, Width.SHORT,
                        "Profile")
                .define(ROLE_ARN_CONFIG, Type.STRING, "", Importance.MEDIUM, ROLE_ARN_DOC, GROUP, ++order, Width.LONG,
                        "Role to assume")
                .define(EXTERNAL_ID_CONFIG, Type.PASSWORD, "", Importance.LOW, EXTERNAL_ID_DOC, GROUP, ++order,
                        Width.MEDIUM, "External id")
                .define(SESSION_NAME_CONFIG, Type.STRING, AwsSettings.DEFAULT_ROLE_SESSION_NAME, Importance.LOW,
                        SESSION_NAME_DOC, GROUP, ++order, Width.SHORT, "Role session name")
                .define(CONNECT_TIMEOUT_CONFIG, Type.LONG, AwsSettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                        ConfigDef.Range.between(1, 600_000), Importance.LOW, CONNECT_TIMEOUT_DOC, GROUP, ++order,
                        Width.SHORT, "Connect timeout (ms)")
                .define(READ_TIMEOUT_CONFIG, Type.LONG, AwsSettings.DEFAULT_READ_TIMEOUT.toMillis(),
                        ConfigDef.Range.between(1, 600_000), Importance.LOW, READ_TIMEOUT_DOC, GROUP, ++order,
                        Width.SHORT, "Read timeout (ms)");
    }

    /**
     * @throws ConfigException naming the key when the keys do not fit together
     */
    public static AwsSettings settings(AbstractConfig config) {
        CredentialsMode mode = CredentialsMode.of(config.getString(CREDENTIALS_CONFIG));
        String accessKey = blankToNull(config.getString(ACCESS_KEY_CONFIG));
        String secret = blankToNull(password(config, SECRET_KEY_CONFIG));
        String profile = blankToNull(config.getString(PROFILE_CONFIG));
        String roleArn = blankToNull(config.getString(ROLE_ARN_CONFIG));
        String externalId = blankToNull(password(config, EXTERNAL_ID_CONFIG));
        if (mode == CredentialsMode.STATIC && accessKey == null) {
            throw new ConfigException(ACCESS_KEY_CONFIG, "", "is required when " + CREDENTIALS_CONFIG + "=static");
        }
        if (mode == CredentialsMode.STATIC && secret == null) {
            throw new ConfigException(SECRET_KEY_CONFIG, "[hidden]", "is required when " + CREDENTIALS_CONFIG + "=static");
        }
        if (mode == CredentialsMode.PROFILE && profile == null) {
            throw new ConfigException(PROFILE_CONFIG, "", "is required when " + CREDENTIALS_CONFIG + "=profile");
        }
        if (externalId != null && roleArn == null) {
            throw new ConfigException(EXTERNAL_ID_CONFIG, "[hidden]", "is only used with " + ROLE_ARN_CONFIG);
        }
        String endpoint = blankToNull(config.getString(ENDPOINT_CONFIG));
        return new AwsSettings(blankToNull(config.getString(REGION_CONFIG)),
                endpoint == null ? null : URI.create(endpoint), mode, accessKey, secret,
                blankToNull(password(config, SESSION_TOKEN_CONFIG)), profile, roleArn, externalId,
                config.getString(SESSION_NAME_CONFIG),
                Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_CONFIG)),
                Duration.ofMillis(config.getLong(READ_TIMEOUT_CONFIG)));
    }

    /** The keys this fragment defines, e.g. for a test that every key has a doc. */
    public static java.util.List<String> keys() {
        return Arrays.asList(REGION_CONFIG, ENDPOINT_CONFIG, CREDENTIALS_CONFIG, ACCESS_KEY_CONFIG, SECRET_KEY_CONFIG,
                SESSION_TOKEN_CONFIG, PROFILE_CONFIG, ROLE_ARN_CONFIG, EXTERNAL_ID_CONFIG, SESSION_NAME_CONFIG,
                CONNECT_TIMEOUT_CONFIG, READ_TIMEOUT_CONFIG);
    }

    private static String password(AbstractConfig config, String key) {
        Password p = config.getPassword(key);
        return p == null ? null : p.value();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An endpoint must be an absolute http(s) URI. */
    static final class EndpointValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString().trim();
            if (s.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new ConfigException(name, s, "must be an absolute http:// or https:// URL");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, s, "is not a valid URL");
            }
        }

        @Override
        public String toString() {
            return "an http(s) URL, or empty";
        }
    }
}
