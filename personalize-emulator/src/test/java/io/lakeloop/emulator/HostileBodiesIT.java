package io.lakeloop.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies beyond Jackson's read limits (nesting, number length, name length): an AWS-style 400 naming the limit, never
 * a 500 or a handler thread that dies without answering, and the emulator goes on serving.
 */
class HostileBodiesIT {

    private static PersonalizeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = PersonalizeEmulator.builder().threads(2).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String deep(int levels) {
        return "{\"trackingId\":\"t\",\"x\":" + "[".repeat(levels) + "]".repeat(levels) + "}";
    }

    @Test
    void answersABodyNested5000DeepWithSerializationExceptionNamingTheLimit() {
        for (int i = 0; i < 4; i++) { // more than the handler threads: none of them may be lost
            HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events", deep(5_000), Sdk.FAKE_AUTH);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
            assertThat(response.body()).contains("nesting depth").doesNotContain("[[");
        }
        assertStillServing();
    }

    @Test
    void answersPropertiesNested5000DeepWithInvalidInput() {
        String properties = "{\\\"a\\\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        HttpResponse<String> response = Sdk.post(emulator.endpoint(), "/events", "{\"trackingId\":\"t\","
                + "\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1700000000,"
                + "\"properties\":\"" + properties + "\"}]}", Sdk.FAKE_AUTH);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidInputException");
        assertStillServing();
    }

    @Test
    void answersANumberOf2000DigitsAndANameOf60000CharactersWithSerializationException() {
        HttpResponse<String> number = Sdk.post(emulator.endpoint(), "/events", "{\"trackingId\":\"t\",\"n\":"
                + "7".repeat(2_000) + "}", Sdk.FAKE_AUTH);
        HttpResponse<String> name = Sdk.post(emulator.endpoint(), "/events", "{\"" + "n".repeat(60_000) + "\":1}",
                Sdk.FAKE_AUTH);

        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(number.body()).doesNotContain("7777");
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(name.body()).doesNotContain("nnnn");
        assertStillServing();
    }

    @Test
    void describesMalformedJsonByPositionWithoutQuotingTheBody() {
        HttpResponse<String> api = Sdk.post(emulator.endpoint(), "/events", "{\"trackingId\": secretvalue}",
                Sdk.FAKE_AUTH);
        HttpResponse<String> admin = Sdk.post(emulator.endpoint(), "/_emulator/resources",
                "{\"trackingIds\": secretvalue}", null);

        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(api.body()).contains("line 1").doesNotContain("secretvalue");
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.body()).contains("line 1").doesNotContain("secretvalue");
    }

    @Test
    void answersAnAdminBodyNested5000DeepWith400() {
        HttpResponse<String> faults = Sdk.post(emulator.endpoint(), "/_emulator/faults",
                "{\"throttleRatio\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", null);
        HttpResponse<String> resources = Sdk.post(emulator.endpoint(), "/_emulator/resources", deep(5_000), null);

        assertThat(faults.statusCode()).isEqualTo(400);
        assertThat(faults.body()).contains("nesting depth");
        assertThat(resources.statusCode()).isEqualTo(400);
        assertStillServing();
    }

    private static void assertStillServing() {
        HttpResponse<String> ok = Sdk.post(emulator.endpoint(), "/events", "{\"trackingId\":\"t\",\"sessionId\":\"s\","
                + "\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1700000000}]}", Sdk.FAKE_AUTH);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Sdk.get(emulator.endpoint(), "/_emulator/health").statusCode()).isEqualTo(200);
    }
}
