package io.lakeloop.streams.collator;

import io.lakeloop.event.ReasonCode;
import io.lakeloop.event.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why a record or an event became a dead letter: a {@link ReasonCode} from core's parsing and validation, or one of the
 * collator's own codes for what is not the producer's fault — {@value #PROCESSING_FAILED} (collating the record failed
 * unexpectedly: a defect, kept as a dead letter instead of stopping) and {@value #OUTPUT_REFUSED} (the producer or the
 * broker refused what the record became). The code goes into the {@code lakeloop.reason.code} header and the metrics.
 *
 * @param code       the reason code's name
 * @param field      the field at fault as configured, or {@code null} for the whole record
 * @param eventIndex the event's index in a tracker batch, {@code -1} for the whole record
 * @param message    for humans; names fields and limits, never ids or values
 */
public record DeadLetterReason(String code, String field, int eventIndex, String message) {

    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    public static final String OUTPUT_REFUSED = "OUTPUT_REFUSED";

    /** Every code a collator dead letter can carry: core's, then the collator's own. */
    public static final List<String> ALL_CODES = allCodes();

    public DeadLetterReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static DeadLetterReason of(Rejection rejection) {
        return new DeadLetterReason(rejection.code().name(), rejection.field(), rejection.eventIndex(),
                rejection.message());
    }

    /** One of the collator's own reasons, for the whole record. */
    static DeadLetterReason ofRecord(String code, String message) {
        return new DeadLetterReason(code, null, -1, message);
    }

    private static List<String> allCodes() {
        List<String> codes = new ArrayList<>();
        for (ReasonCode c : ReasonCode.values()) {
            codes.add(c.name());
        }
        codes.add(PROCESSING_FAILED);
        codes.add(OUTPUT_REFUSED);
        return List.copyOf(codes);
    }
}
