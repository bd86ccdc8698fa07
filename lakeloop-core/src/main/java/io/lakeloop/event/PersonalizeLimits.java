package io.lakeloop.event;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every limit of the Amazon Personalize Events API, as the service model states it
 * ({@code shared/spec/personalize-events-service-2.json}, API version 2018-03-22).
 *
 * <p>This is the only place these numbers live. The event validator, the emulator and the connectors all read them
 * from here, so a change of the model is a change of this class.
 */
public final class PersonalizeLimits {

    /** {@code StringType}, {@code UserId}, {@code ItemId}, {@code ActionId}: 1..256 characters. */
    public static final int ID_MIN_LENGTH = 1;
    public static final int ID_MAX_LENGTH = 256;
    /** {@code RecommendationId}: 1..40 characters. */
    public static final int RECOMMENDATION_ID_MAX_LENGTH = 40;
    /** {@code EventList}, {@code ItemList}, {@code UserList}, {@code ActionList}, {@code ActionInteractionsList}: 1..10. */
    public static final int MIN_RECORDS_PER_CALL = 1;
    public static final int MAX_RECORDS_PER_CALL = 10;
    /** {@code Impression}, {@code ActionImpression}: 1..25 ids. */
    public static final int MIN_IMPRESSIONS = 1;
    public static final int MAX_IMPRESSIONS = 25;
    /** Every properties shape (event, item, user, action, action interaction): at least 1 character. */
    public static final int PROPERTIES_MIN_LENGTH = 1;
    /** {@code EventPropertiesJSON}, {@code ActionInteractionProperties}: 1..1,024 characters. */
    public static final int EVENT_PROPERTIES_MAX_LENGTH = 1024;
    /** {@code ItemProperties}: 1..32,000 characters. */
    public static final int ITEM_PROPERTIES_MAX_LENGTH = 32_000;
    /** {@code UserProperties}: 1..24,000 characters. */
    public static final int USER_PROPERTIES_MAX_LENGTH = 24_000;
    /** {@code ActionProperties}: 1..32,000 characters. */
    public static final int ACTION_PROPERTIES_MAX_LENGTH = 32_000;
    /** {@code EventAttributionSource}: up to 1,024 printable ASCII characters, not only blanks. */
    public static final int EVENT_ATTRIBUTION_SOURCE_MAX_LENGTH = 1024;
    public static final Pattern EVENT_ATTRIBUTION_SOURCE_PATTERN =
            Pattern.compile("^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$");
    /** {@code Arn}: up to 256 characters matching this pattern. */
    public static final int ARN_MAX_LENGTH = 256;
    public static final Pattern ARN_PATTERN = Pattern.compile("arn:([a-z\\d-]+):personalize:.*:.*:.+");

    /**
     * Keys that event properties may not use (the model says: case insensitive). Stored lower-case;
     * compare with {@link #isReservedEventPropertyKey(String)}.
     */
    public static final Set<String> RESERVED_EVENT_PROPERTY_KEYS =
            Set.of("userid", "sessionid", "eventtype", "timestamp", "recommendationid", "impression");

    /** Service quotas (requests per second), the defaults of the rate limiters and the emulator. */
    public static final int PUT_EVENTS_REQUESTS_PER_SECOND = 1000;
    public static final int PUT_ITEMS_REQUESTS_PER_SECOND = 10;
    public static final int PUT_USERS_REQUESTS_PER_SECOND = 10;
    public static final int PUT_ACTIONS_REQUESTS_PER_SECOND = 10;
    public static final int PUT_ACTION_INTERACTIONS_REQUESTS_PER_SECOND = 1000;

    /** Bulk import: what Personalize needs to train, and the size limit of one FULL import. */
    public static final long MIN_INTERACTIONS_TO_TRAIN = 1000;
    public static final long MIN_USERS_WITH_TWO_INTERACTIONS = 25;
    public static final long MAX_IMPORT_BYTES = 100L * 1000 * 1000 * 1000;

    private PersonalizeLimits() {
    }

    /**
     * The length the model's {@code min}/{@code max} constrain: Smithy counts Unicode scalar values (code points),
     * not UTF-16 units, so an emoji counts once.
     */
    public static int modelLength(String value) {
        return value.codePointCount(0, value.length());
    }

    public static boolean isReservedEventPropertyKey(String key) {
        return key != null && RESERVED_EVENT_PROPERTY_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** True when {@code arn} is a Personalize ARN the model accepts. */
    public static boolean isValidArn(String arn) {
        return arn != null && arn.length() <= ARN_MAX_LENGTH && ARN_PATTERN.matcher(arn).matches();
    }

    /** The kinds of dataset whose ARN a PutItems / PutUsers / PutActions call takes. */
    public enum DatasetKind {
        ITEMS("ITEMS"), USERS("USERS"), ACTIONS("ACTIONS"), INTERACTIONS("INTERACTIONS"),
        ACTION_INTERACTIONS("ACTION_INTERACTIONS");

        private final String arnSuffix;

        DatasetKind(String arnSuffix) {
            this.arnSuffix = arnSuffix;
        }

        /** Dataset ARNs end in {@code /<DATASET_TYPE>}, e.g. {@code arn:aws:personalize:eu-west-1:1:dataset/shop/ITEMS}. */
        public boolean matches(String datasetArn) {
            return isValidArn(datasetArn) && datasetArn.contains(":dataset/")
                    && datasetArn.toUpperCase(Locale.ROOT).endsWith("/" + arnSuffix);
        }
    }
}
