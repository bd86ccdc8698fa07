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
        Objects.requireNonNull(settings, "settings");
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.credentialsProvider(credentials.apply(credentialsProvider(settings)));
        builder.httpClient(httpClient(settings));
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
        var sts = StsClient.builder().credentialsProvider(base).httpClient(httpClient(settings));
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
