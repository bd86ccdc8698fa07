package io.lakeloop.event;

import static io.lakeloop.event.PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.EVENT_ATTRIBUTION_SOURCE_PATTERN;
import static io.lakeloop.event.PersonalizeLimits.EVENT_PROPERTIES_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.ID_MAX_LENGTH;
import static io.lakeloop.event.PersonalizeLimits.MAX_IMPRESSIONS;
import static io.lakeloop.event.PersonalizeLimits.RECOMMENDATION_ID_MAX_LENGTH;

import java.util.List;
import java.util.Objects;

/**
 * Checks an {@link Interaction} against every limit of the PutEvents model (read from {@link PersonalizeLimits}),
 * and for {@link ValidationTarget#LAKE} against what a row of the interactions dataset needs. Stateless and
 * thread-safe. Messages name the field as the deployment calls it, never its value.
 */
public final class EventValidator {

    private final FieldNames names;

    public EventValidator(FieldNames names) {
        this.names = Objects.requireNonNull(names, "names");
    }

    public static EventValidator defaults() {
        return new EventValidator(FieldNames.defaults());
    }

    /** @return the first rejection found, or {@code null} when the event is valid for {@code target} */
    public Rejection validate(Interaction e, ValidationTarget target) {
        boolean lake = target == ValidationTarget.LAKE;
        Rejection r;
        if ((r = id(e.userId(), EventField.USER_ID, lake, ID_MAX_LENGTH)) != null
                || (r = id(e.sessionId(), EventField.SESSION_ID, !lake, ID_MAX_LENGTH)) != null
                || (r = id(e.eventType(), EventField.EVENT_TYPE, true, ID_MAX_LENGTH)) != null
                || (r = id(e.itemId(), EventField.ITEM_ID, lake, ID_MAX_LENGTH)) != null
                || (r = id(e.eventId(), EventField.EVENT_ID, false, ID_MAX_LENGTH)) != null
                || (r = unicodeText(e)) != null
                || (r = id(e.recommendationId(), EventField.RECOMMENDATION_ID, false, RECOMMENDATION_ID_MAX_LENGTH)) != null
                || (r = eventValue(e.eventValue())) != null
                || (r = impression(e.impression())) != null
                || (r = attributionSource(e.metricAttributionSource())) != null) {
            return r;
        }
        if (e.properties() != null) {
            return PropertiesJson.check(e.properties(), names.displayName(EventField.PROPERTIES),
                    EVENT_PROPERTIES_MAX_LENGTH, true);
        }
        return null;
    }

    private Rejection id(String value, EventField field, boolean required, int max) {
        String name = names.displayName(field);
        if (value == null) {
            return required ? Rejection.ofRecord(ReasonCode.MISSING_FIELD, name, "'" + name + "' is required") : null;
        }
        if (value.isEmpty()) {
            return Rejection.ofRecord(ReasonCode.EMPTY_FIELD, name, "'" + name + "' is empty");
        }
        if (value.length() > max) {
            return Rejection.ofRecord(ReasonCode.FIELD_TOO_LONG, name, "'" + name + "' is " + value.length()
                    + " characters, more than the " + max + " Personalize accepts");
        }
        return null;
    }

    /**
     * Text that is not valid Unicode, i.e. an unpaired UTF-16 surrogate (JSON can carry one as a {@code \\ud800}
     * escape), cannot be written as UTF-8: in the lake (lake topic, CSV) it would turn into '?' silently, and two
     * different ids into the same one; to Personalize it would go as an escape its JSON parser may refuse for the
     * whole call. Such an event is rejected instead, for every target.
     */
    private Rejection unicodeText(Interaction e) {
        Rejection r;
        if ((r = unicode(e.userId(), EventField.USER_ID)) != null
                || (r = unicode(e.sessionId(), EventField.SESSION_ID)) != null
                || (r = unicode(e.eventType(), EventField.EVENT_TYPE)) != null
                || (r = unicode(e.itemId(), EventField.ITEM_ID)) != null) {
            return r;
        }
        return unicode(e.eventId(), EventField.EVENT_ID);
    }

    private Rejection unicode(String value, EventField field) {
        if (value == null || !hasUnpairedSurrogate(value)) {
            return null;
        }
        String name = names.displayName(field);
        return Rejection.ofRecord(ReasonCode.UNDECODABLE, name, "'" + name + "' holds an unpaired UTF-16 surrogate: "
                + "it is not valid Unicode and cannot be written as UTF-8");
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private Rejection eventValue(Double v) {
        if (v == null) {
            return null;
        }
        // the model's FloatType is a 32-bit float
        if (v.isNaN() || v.isInfinite() || Math.abs(v) > Float.MAX_VALUE) {
            String name = names.displayName(EventField.EVENT_VALUE);
            return Rejection.ofRecord(ReasonCode.EVENT_VALUE_INVALID, name,
                    "'" + name + "' must be a finite number within the range of a 32-bit float");
        }
        return null;
    }

    private Rejection impression(List<String> impression) {
        if (impression.isEmpty()) {
            return null;
        }
        String name = names.displayName(EventField.IMPRESSION);
        if (impression.size() > MAX_IMPRESSIONS) {
            return Rejection.ofRecord(ReasonCode.IMPRESSION_SIZE, name, "'" + name + "' lists " + impression.size()
                    + " items, more than the " + MAX_IMPRESSIONS + " Personalize accepts");
        }
        for (int i = 0; i < impression.size(); i++) {
            String item = impression.get(i);
            Rejection r = id(item, EventField.IMPRESSION, true, ID_MAX_LENGTH);
            if (r != null) {
                return Rejection.ofRecord(r.code(), name, "'" + name + "[" + i + "]': " + r.message());
            }
        }
        return null;
    }

    private Rejection attributionSource(String source) {
        if (source == null) {
            return null;
        }
        if (source.length() > EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH
                || !EVENT_ATTRIBUTION_SOURCE_PATTERN.matcher(source).matches()) {
            String name = names.displayName(EventField.METRIC_ATTRIBUTION) + ".eventAttributionSource";
            return Rejection.ofRecord(ReasonCode.ATTRIBUTION_SOURCE_INVALID, name, "'" + name
                    + "' must be 1.." + EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH
                    + " printable ASCII characters, not only spaces");
        }
        return null;
    }
}
