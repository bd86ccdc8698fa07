package io.lakeloop.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How every Lakeloop component talks to AWS (Personalize, S3, STS): region, endpoint override, credentials,
 * an optional assume-role, and HTTP timeouts. One class for all of them, built from a Connect config
 * ({@link AwsConfigDef}), from the environment ({@link #fromEnvironment()}) or in code.
 *
 * <p>{@link #toString()} masks the secret, the session token and the external id.
 *
 * @param region          e.g. {@code eu-west-1}; {@code null} lets the SDK's region chain decide
 * @param endpoint        an endpoint override (VPC endpoint, MinIO, s3proxy, the Personalize emulator), or {@code null}
 * @param roleArn         a role to assume with STS, or {@code null}
 * @param externalId      the external id the role's trust policy requires, or {@code null}
 * @param roleSessionName the STS session name
 */
public record AwsSettings(
        String region,
        URI endpoint,
        CredentialsMode credentialsMode,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        String profile,
        String roleArn,
        String externalId,
        String roleSessionName,
        Duration connectTimeout,
        Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_ROLE_SESSION_NAME = "lakeloop";

    public AwsSettings {
        Objects.requireNonNull(credentialsMode, "credentialsMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        roleSessionName = roleSessionName == null || roleSessionName.isBlank() ? DEFAULT_ROLE_SESSION_NAME : roleSessionName;
        if (credentialsMode == CredentialsMode.STATIC && (isBlank(accessKeyId) || isBlank(secretAccessKey))) {
            throw new IllegalArgumentException("static credentials need both an access key id and a secret access key");
        }
        if (credentialsMode == CredentialsMode.PROFILE && isBlank(profile)) {
            throw new IllegalArgumentException("profile credentials need a profile name");
        }
        if (externalId != null && isBlank(roleArn)) {
            throw new IllegalArgumentException("an external id is only used with a role to assume");
        }
    }

    /** The default chain, the default region chain, no endpoint override. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, CredentialsMode.DEFAULT, null, null, null, null, null, null, null,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** Static credentials against an endpoint: what tests and the local stack use. */
    public static AwsSettings forEndpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        return new AwsSettings(region, endpoint, CredentialsMode.STATIC, accessKeyId, secretAccessKey, null, null,
                null, null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * From the usual AWS environment: {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL}
     * (or the service-specific {@code AWS_ENDPOINT_URL_<SERVICE>} when {@code service} is given, e.g. {@code S3}),
     * {@code AWS_PROFILE}; credentials through the default chain (which reads {@code AWS_ACCESS_KEY_ID} etc.).
     */
    public static AwsSettings fromEnvironment(Map<String, String> env, String service) {
        String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        String endpoint = firstNonBlank(service == null ? null : env.get("AWS_ENDPOINT_URL_" + service),
                env.get("AWS_ENDPOINT_URL"));
        return new AwsSettings(region, endpoint == null ? null : URI.create(endpoint), CredentialsMode.DEFAULT,
                null, null, null, null, null, null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public static AwsSettings fromEnvironment(String service) {
        return fromEnvironment(System.getenv(), service);
    }

    public boolean assumesRole() {
        return !isBlank(roleArn);
    }

    public AwsSettings withEndpoint(URI newEndpoint) {
        return new AwsSettings(region, newEndpoint, credentialsMode, accessKeyId, secretAccessKey, sessionToken,
                profile, roleArn, externalId, roleSessionName, connectTimeout, readTimeout);
    }

    public AwsSettings withRegion(String newRegion) {
        return new AwsSettings(newRegion, endpoint, credentialsMode, accessKeyId, secretAccessKey, sessionToken,
                profile, roleArn, externalId, roleSessionName, connectTimeout, readTimeout);
    }

    public AwsSettings withTimeouts(Duration connect, Duration read) {
        return new AwsSettings(region, endpoint, credentialsMode, accessKeyId, secretAccessKey, sessionToken,
                profile, roleArn, externalId, roleSessionName, connect, read);
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", endpoint=" + endpoint + ", credentials=" + credentialsMode
                + (accessKeyId == null ? "" : ", accessKeyId=" + maskKeyId(accessKeyId))
                + (secretAccessKey == null ? "" : ", secretAccessKey=[hidden]")
                + (sessionToken == null ? "" : ", sessionToken=[hidden]")
                + (profile == null ? "" : ", profile=" + profile)
                + (roleArn == null ? "" : ", roleArn=" + roleArn + ", roleSessionName=" + roleSessionName)
                + (externalId == null ? "" : ", externalId=[hidden]")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static String maskKeyId(String id) {
        return id.length() <= 4 ? "****" : id.substring(0, 4) + "****";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String a, String b) {
        return !isBlank(a) ? a : !isBlank(b) ? b : null;
    }
}
