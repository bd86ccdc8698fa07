package io.lakeloop.event;

/**
 * How numeric timestamps are read. ISO-8601 strings are self-describing and ignore this.
 *
 * <p>{@link #AUTO} rule: a number whose magnitude is at least {@value #AUTO_MILLIS_THRESHOLD} is epoch
 * milliseconds, anything smaller is epoch seconds. 10<sup>11</sup> seconds is the year 5138, while
 * 10<sup>11</sup> milliseconds is 3 March 1973, so the rule is right for every real event after March 1973 in
 * milliseconds and every event before the year 5138 in seconds. Set the unit explicitly for older millisecond data.
 */
public enum TimestampUnit {
    AUTO, SECONDS, MILLISECONDS;

    public static final double AUTO_MILLIS_THRESHOLD = 1e11;
}
