package io.lakeloop.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects constraint violations of one request and reports them all at once, worded as the service words them:
 * {@code 2 validation errors detected: Value at 'eventList.1.member.itemId' failed to satisfy constraint: ...; ...}.
 * Values are never echoed (most members are {@code sensitive} in the model), only {@code null} for a missing member.
 */
final class Violations {

    private final List<String> messages = new ArrayList<>();

    void missing(String path) {
        messages.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    }

    void failed(String path, String constraint) {
        messages.add("Value at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    void length(String path, int length, int min, int max) {
        if (length < min) {
            failed(path, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            failed(path, "Member must have length less than or equal to " + max);
        }
    }

    /** Throws an {@code InvalidInputException} naming every violation, if there is any. */
    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        String head = n + (n == 1 ? " validation error detected: " : " validation errors detected: ");
        throw ApiException.invalidInput(head + String.join("; ", messages));
    }
}
