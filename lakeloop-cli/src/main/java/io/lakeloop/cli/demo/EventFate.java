package io.lakeloop.cli.demo;

/** What the pipeline must do with a generated event. */
public enum EventFate {
    /** Valid everywhere: accepted by Personalize, collated into the lake, exported. */
    GOOD,
    /** No user id: Personalize accepts it (userId is optional in PutEvents), the lake rejects it (USER_ID required). */
    ANONYMOUS,
    /** Invalid for Personalize and for the lake: dead-lettered with its reason. */
    BAD
}
