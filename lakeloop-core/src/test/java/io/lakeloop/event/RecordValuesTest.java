package io.lakeloop.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Jackson's stream read constraints (nesting depth 1,000, number length 1,000, name length 50,000) throw an exception
 * whose location is null; each must come out as one safe UNDECODABLE rejection that names the limit and quotes no
 * part of the value.
 */
class RecordValuesTest {

    private static final String SECRET = "secret-user-42";

    @Test
    void nestingFiveThousandDeepIsUndecodableNamingTheDepthLimit() {
        String value = "{\"user_id\":\"" + SECRET + "\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        Rejection rejection = rejectionOf(value.getBytes(StandardCharsets.UTF_8));
        assertThat(rejection.code()).isEqualTo(ReasonCode.UNDECODABLE);
        assertThat(rejection.message()).contains("nesting depth").contains("1000").doesNotContain(SECRET);
    }

    @Test
    void aTwoThousandDigitNumberIsUndecodableNamingTheNumberLimit() {
        String value = "{\"user_id\":\"" + SECRET + "\",\"event_value\":" + "7".repeat(2_000) + "}";
        Rejection rejection = rejectionOf(value);
        assertThat(rejection.code()).isEqualTo(ReasonCode.UNDECODABLE);
        assertThat(rejection.message()).contains("Number value length").doesNotContain("7777").doesNotContain(SECRET);
    }

    @Test
    void aFieldNameOverFiftyThousandCharactersIsUndecodableNamingTheNameLimit() {
        String value = "{\"" + "n".repeat(60_000) + "\":1}";
        Rejection rejection = rejectionOf(value.getBytes(StandardCharsets.UTF_8));
        assertThat(rejection.code()).isEqualTo(ReasonCode.UNDECODABLE);
        assertThat(rejection.message()).contains("Name length").doesNotContain("nnnn");
    }

    @Test
    void aSyntaxErrorNamesTheLocationButNotTheToken() {
        Rejection rejection = rejectionOf("{\"user_id\": " + SECRET + "}");
        assertThat(rejection.code()).isEqualTo(ReasonCode.UNDECODABLE);
        assertThat(rejection.message()).contains("line 1, column").doesNotContain(SECRET);
    }

    @Test
    void nestingJustUnderTheLimitIsRead() {
        String value = "{\"x\":" + "[".repeat(900) + "]".repeat(900) + "}";
        assertThat(RecordValues.toMap(value)).containsOnlyKeys("x");
    }

    private static Rejection rejectionOf(Object value) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> RecordValues.toMap(value));
        assertThat(e).as("rejected").isNotNull();
        return e.rejection();
    }
}
