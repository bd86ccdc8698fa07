package io.lakeloop.connect.personalize.mapping;

/**
 * What records of one call must share: for PutEvents the (user id, session id) pair (the user may be null for
 * anonymous sessions); for every other operation nothing, i.e. {@link #NONE}. Never printed: it holds user ids.
 */
public record GroupKey(String userId, String sessionId) {

    public static final GroupKey NONE = new GroupKey(null, null);

    @Override
    public String toString() {
        return "GroupKey[hidden]";
    }
}
