package io.lakeloop.aws;

import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one place AWS credentials and clients are made from {@link AwsSettings}. Every SDK client of Lakeloop
 * (Personalize Events, Personalize, S3) goes through {@link #configure}, so region, endpoint override, credentials,
 * assume-role and timeouts behave the same everywhere.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Sets region, endpoint override, credentials and an HTTP client with the settings' timeouts on any synchronous
     * SDK client builder. The caller owns the built client (and closes it).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
                                                                                               AwsSettings settings) {
        return configure(builder, settings, UnaryOperator.identity());
    }

    /**
     * As {@link #configure(AwsClientBuilder, AwsSettings)}, with the credentials provider passed through
     * {@code credentials} first (e.g. to wrap it), so it is made once, here, as for every other client.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSettings settings, UnaryOperator<AwsCredentialsProvider> credentials) {
        return configure(builder, settings, credentials, httpClient(settings));
    }

    /**
     * As {@link #configure(AwsClientBuilder, AwsSettings, UnaryOperator)}, with {@code http} as the HTTP client of the
     * client and of STS when a role is assumed, so that a plugin bundles only the HTTP client it chose (the
     * URL-connection client is then never loaded). The caller owns {@code http}: the SDK closes no HTTP client given
     * to it, so close it after the client.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSettings settings, UnaryOperator<AwsCredentialsProvider> credentials, SdkHttpClient http) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(http, "http");
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.credentialsProvider(credentials.apply(credentialsProvider(settings, http)));
        builder.httpClient(http);
        return builder;
    }

    /** The URL-connection client (small, no Netty/Apache) with the settings' timeouts and retryable I/O errors. */
    public static SdkHttpClient httpClient(AwsSettings settings) {
        return new IoRetryingHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .build());
    }

    /** Base credentials by mode, wrapped in an auto-refreshing STS assume-role provider when a role is set. */
    public static AwsCredentialsProvider credentialsProvider(AwsSettings settings) {
        return credentialsProvider(settings, null);
    }

    /**
     * As {@link #credentialsProvider(AwsSettings)}, STS calling through {@code http} (shared with the caller's client,
     * which owns it), or through a URL-connection client of its own when {@code http} is null.
     */
    public static AwsCredentialsProvider credentialsProvider(AwsSettings settings, SdkHttpClient http) {
        AwsCredentialsProvider base = switch (settings.credentialsMode()) {
            case DEFAULT -> DefaultCredentialsProvider.builder().build();
            case PROFILE -> ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
            case STATIC -> StaticCredentialsProvider.create(AwsSettings.isBlank(settings.sessionToken())
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(),
                    settings.sessionToken()));
        };
        if (!settings.assumesRole()) {
            return base;
        }
        var sts = StsClient.builder().credentialsProvider(base).httpClient(http != null ? http : httpClient(settings));
        if (settings.region() != null) {
            sts.region(Region.of(settings.region()));
        }
        StsClient stsClient = sts.build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient)
                .refreshRequest(r -> {
                    r.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName());
                    if (settings.externalId() != null) {
                        r.externalId(settings.externalId());
                    }
                })
                .asyncCredentialUpdateEnabled(false)
                .build();
    }
}
