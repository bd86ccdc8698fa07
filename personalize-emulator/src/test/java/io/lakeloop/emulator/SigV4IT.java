package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/**
 * SigV4 as AWS checks it: the signature covers the body actually received (not what X-Amz-Content-Sha256 claims),
 * and the request time must lie within 15 minutes of the service's clock. Requests are signed by the SDK's own
 * signer (at a chosen time) or sent by the SDK client.
 */
class SigV4IT {

    private static final String BODY = "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":"
            + "[{\"eventType\":\"click\",\"itemId\":\"item-a\",\"sentAt\":1700000000}]}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.clock().setOffset(Duration.ZERO);
        emulator.recorded().clear();
    }

    @Test
    void acceptsARequestSignedNow() {
        HttpResponse<String> response = send(sign(BODY, Instant.now(), true), BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(emulator.recorded().events()).extracting(RecordedEvent::itemId).containsExactly("item-a");
    }

    @Test
    void rejectsABodyOtherThanTheOneTheSignatureAndTheContentHashHeaderCover() {
        String swapped = BODY.replace("item-a", "item-b"); // same length, same headers, another payload

        HttpResponse<String> response = send(sign(BODY, Instant.now(), true), swapped);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(emulator.recorded().events()).isEmpty();
    }

    @Test
    void rejectsARequestSignedMoreThan15MinutesAgoOrAheadAsTheServiceDoes() {
        Instant now = Instant.now();

        HttpResponse<String> old = send(sign(BODY, now.minus(Duration.ofMinutes(16)), false), BODY);
        HttpResponse<String> ahead = send(sign(BODY, now.plus(Duration.ofMinutes(16)), false), BODY);
        HttpResponse<String> slightlyOff = send(sign(BODY, now.minus(Duration.ofMinutes(14)), false), BODY);

        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(old.body()).contains("Signature expired: ").contains("is now earlier than").contains("- 15 min.)");
        assertThat(ahead.statusCode()).isEqualTo(400);
        assertThat(ahead.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(ahead.body()).contains("Signature not yet current: ").contains("+ 15 min.)");
        assertThat(slightlyOff.statusCode()).isEqualTo(200);
        assertThat(emulator.recorded().events()).hasSize(1);
    }

    @Test
    void theSdkSeesAClientClock20MinutesOffAsA400InvalidSignatureException() {
        Sdk.post(emulator.endpoint(), "/_emulator/clock", "{\"offsetSeconds\":1200}", null);
        try (PersonalizeEventsClient client = Sdk.noRetry(emulator.endpoint())) {
            assertThatThrownBy(() -> client.putEvents(r -> r.trackingId("t").sessionId("s")
                    .eventList(Payloads.event().build())))
                    .isInstanceOfSatisfying(PersonalizeEventsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired");
                    });
            Sdk.delete(emulator.endpoint(), "/_emulator/clock");
            client.putEvents(r -> r.trackingId("t").sessionId("s").eventList(Payloads.event().build()));
        }
        assertThat(emulator.recorded().events()).hasSize(1);
    }

    /** Signs a PutEvents call by the SDK's SigV4 signer at {@code at}; with the content hash header or without. */
    private static SignedRequest sign(String body, Instant at, boolean contentHashHeader) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(emulator.endpoint().resolve("/events"))
                .putHeader("Content-Type", "application/json");
        if (contentHashHeader) {
            request.putHeader("x-amz-content-sha256", sha256(body));
        }
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
                .request(request.build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "personalize")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    }

    private static HttpResponse<String> send(SignedRequest signed, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signed.request().getUri().toString()))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
