package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a client other than the SDK sees on the wire: auth, malformed bodies, wrong types, unknown paths. */
class WireFormatIT {

    private static final String EVENT = "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":"
            + "[{\"eventType\":\"click\",\"sentAt\":%s}]}";

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void acceptsAWellFormedCallWithAnEmptyObject() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events", EVENT.formatted("1700000000.5"),
                Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void answersAMissingAuthorizationWith403() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events", EVENT.formatted("1"), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(response.body()).contains("\"message\"");
    }

    @Test
    void answersACredentialForAnotherServiceWith403() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events", EVENT.formatted("1"),
                Sdk.FAKE_AUTH.replace("/personalize/", "/s3/"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    }

    @Test
    void answersMalformedJsonWithSerializationException() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/items", "{\"datasetArn\": ", Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
    }

    @Test
    void answersATextualSentAtWithSerializationExceptionNamingTheMember() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events",
                EVENT.formatted("\"2024-01-01T00:00:00Z\""), Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(response.body()).contains("eventList.1.member.sentAt");
    }

    @Test
    void answersATextualActionInteractionTimestampWithSerializationException() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/action-interactions",
                "{\"trackingId\":\"t\",\"actionInteractions\":[{\"actionId\":\"a\",\"sessionId\":\"s\","
                        + "\"eventType\":\"Taken\",\"timestamp\":\"yesterday\"}]}", Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(response.body()).contains("actionInteractions.1.member.timestamp");
    }

    @Test
    void answersAnUnknownPathWithUnknownOperation() {
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/recommendations", "{}", Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void registersResourcesOverHttp() {
        try {
            HttpResponse<String> registered = Sdk.post(emulator.endpoint(), "/_emulator/resources",
                    "{\"trackingIds\":[\"known\"]}", null);
            assertThat(registered.body()).contains("known");

            HttpResponse<String> unknown = Sdk.post(emulator.endpoint(), "/events", EVENT.formatted("1"),
                    Sdk.FAKE_AUTH);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        } finally {
            assertThat(Sdk.delete(emulator.endpoint(), "/_emulator/resources").statusCode()).isEqualTo(200);
        }
        assertThat(Sdk.post(emulator.endpoint(), "/events", EVENT.formatted("1"), Sdk.FAKE_AUTH).statusCode())
                .isEqualTo(200);
    }

    @Test
    void reportsHealth() {
        HttpResponse<String> response = Sdk.get(emulator.endpoint(), "/_emulator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }
}
