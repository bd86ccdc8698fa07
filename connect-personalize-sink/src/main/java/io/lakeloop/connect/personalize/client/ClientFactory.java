package io.lakeloop.connect.personalize.client;

import io.lakeloop.aws.AwsClients;
import io.lakeloop.aws.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/**
 * Builds the Personalize Events client: region, endpoint, credentials (incl. assume-role) and timeouts from
 * lakeloop-core's {@link AwsClients}, the credentials behind a {@link CredentialsGuard}; one attempt per call (the
 * connector owns retries, backoff and its deadline); the plugin's one HTTP client, Apache, for Personalize and for STS,
 * its pool holding one connection per call in flight, so no call waits for a connection and none pays a new TLS
 * handshake (HttpURLConnection, core's default, keeps only 5 idle connections per host: see BENCHMARKS.md).
 */
public final class ClientFactory {

    private ClientFactory() {
    }

    /**
     * The client, the HTTP client and the credentials provider it uses; closing closes all three (the SDK closes
     * neither an HTTP client nor a credentials provider given to it).
     */
    public record Clients(PersonalizeEventsClient client, SdkHttpClient http, AutoCloseable credentials)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                client.close();
            } finally {
                try {
                    http.close();
                } finally {
                    credentials.close();
                }
            }
        }
    }

    public static Clients create(AwsSettings settings, int maxInFlight) {
        SdkHttpClient http = ApacheHttpClient.builder()
                .maxConnections(Math.max(1, maxInFlight))
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .tcpKeepAlive(true)
                .build();
        AwsCredentialsProvider[] guarded = new AwsCredentialsProvider[1];
        var builder = AwsClients.configure(PersonalizeEventsClient.builder(), settings,
                provider -> guarded[0] = CredentialsGuard.of(provider), http);
        builder.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        return new Clients(builder.build(), http, (CredentialsGuard) guarded[0]);
    }
}
