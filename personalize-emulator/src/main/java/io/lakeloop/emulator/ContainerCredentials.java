package io.lakeloop.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A container credentials endpoint ({@code GET /_emulator/credentials}, what {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
 * points an SDK's default chain at on ECS or MSK Connect) serving the emulator's own key pair with a session token,
 * so a client's real credential chain can be tested: how long the credentials last, and failures (e.g. 429 or 500
 * for the next few fetches) while the client refreshes them. Thread-safe.
 */
public final class ContainerCredentials {

    private final String accessKeyId;
    private final String secretKey;
    private volatile Duration lifetime = Duration.ofHours(1);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    ContainerCredentials(String accessKeyId, String secretKey) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
    }

    /** Credentials served from now on expire this long after they are fetched (SDKs refresh a minute before). */
    public void lifetime(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** The next {@code fetches} fetches answer {@code status} (e.g. 429 or 500) instead of credentials. */
    public void failNext(int fetches, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599: " + status);
        }
        failureStatus = status;
        failuresLeft.set(Math.max(0, fetches));
    }

    /** Fetches answered with credentials. */
    public long served() {
        return served.get();
    }

    /** Fetches answered with an injected failure. */
    public long failed() {
        return failed.get();
    }

    /** Failures still to answer. */
    public int failuresLeft() {
        return failuresLeft.get();
    }

    /** The answer to one fetch: status and JSON body. */
    Answer fetch(Instant now) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            return new Answer(failureStatus, Map.of("code", failureStatus == 429 ? "TooManyRequests" : "InternalError",
                    "message", "injected failure"));
        }
        if (accessKeyId == null || secretKey == null) {
            return new Answer(404, Map.of("message", "the emulator has no credentials configured"));
        }
        served.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AccessKeyId", accessKeyId);
        body.put("SecretAccessKey", secretKey);
        body.put("Token", "emulator-session-token");
        body.put("Expiration", now.plus(lifetime).toString());
        return new Answer(200, body);
    }

    record Answer(int status, Map<String, Object> body) {
    }
}
