package io.lakeloop.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic event ids for events whose producer gave none, so that a re-delivered event is recognised as the
 * same event (Personalize ignores repeats of an event id; the collator and exporter de-duplicate on it).
 *
 * <p>Two derivations, both 32 lowercase hex characters (128 bits of SHA-256), well inside the 256-character limit:
 * <ul>
 *   <li>{@link #fromContent}: from every field of the event, so the same event produced twice gets the same id.</li>
 *   <li>{@link #fromPosition}: from topic, partition, offset and index in the tracker batch, so a Kafka record
 *       re-delivered after a crash gets the same ids while two genuinely repeated events stay distinct.</li>
 * </ul>
 */
public final class EventIds {

    private static final HexFormat HEX = HexFormat.of();
    private static final char SEP = '\u001f';

    private EventIds() {
    }

    public static String fromContent(String userId, String sessionId, String eventType, String itemId,
                                     long epochMillis, Double eventValue, String properties,
                                     String recommendationId, List<String> impression) {
        StringBuilder sb = new StringBuilder(128).append("c1").append(SEP);
        append(sb, userId);
        append(sb, sessionId);
        append(sb, eventType);
        append(sb, itemId);
        sb.append(epochMillis).append(SEP);
        append(sb, eventValue == null ? null : Double.toString(eventValue));
        append(sb, properties);
        append(sb, recommendationId);
        if (impression != null) {
            impression.forEach(i -> append(sb, i));
        }
        return digest(sb);
    }

    public static String fromPosition(String topic, int partition, long offset, int indexInRecord) {
        StringBuilder sb = new StringBuilder(64).append("p1").append(SEP);
        append(sb, topic);
        sb.append(partition).append(SEP).append(offset).append(SEP).append(indexInRecord);
        return digest(sb);
    }

    private static void append(StringBuilder sb, String s) {
        // length-prefixed, so ("ab","c") and ("a","bc") differ, and null differs from ""
        if (s == null) {
            sb.append('-').append(SEP);
        } else {
            sb.append(s.length()).append(':').append(s).append(SEP);
        }
    }

    private static String digest(CharSequence input) {
        byte[] hash = SHA256.get().digest(input.toString().getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(hash, 0, 16);
    }

    /** One digest per thread: looking the algorithm up per event cost as much as hashing the event. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });
}
