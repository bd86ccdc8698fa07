package io.lakeloop.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/** The real SDK client, and a plain HTTP client for the emulator's own endpoints and hand-made requests. */
final class Sdk {

    static final String ACCESS_KEY = "AKIDEMULATORTEST";
    static final String SECRET_KEY = "emulator-secret";
    static final String FAKE_AUTH = "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY
            + "/20250101/us-east-1/personalize/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Sdk() {
    }

    /** One attempt per call, so every error class is seen as the service sent it. */
    static PersonalizeEventsClient noRetry(URI endpoint) {
        return client(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    static PersonalizeEventsClient client(URI endpoint, String accessKey, String secretKey) {
        return PersonalizeEventsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static HttpResponse<String> get(URI endpoint, String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
    }

    static HttpResponse<String> delete(URI endpoint, String path) {
        return send(HttpRequest.newBuilder(endpoint.resolve(path)).DELETE().build());
    }

    static HttpResponse<String> post(URI endpoint, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
