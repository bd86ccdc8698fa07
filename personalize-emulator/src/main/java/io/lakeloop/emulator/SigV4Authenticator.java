package io.lakeloop.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the SigV4 {@code Authorization} header the way the service does. Always: present (else 403
 * MissingAuthenticationTokenException), well-formed (IncompleteSignatureException) and scoped to the
 * {@code personalize} signing name (InvalidSignatureException). With an access key id configured, another id is 403
 * UnrecognizedClientException; with the secret key too, the signature is recomputed over the body actually received
 * (its SHA-256, never the client's {@code X-Amz-Content-Sha256} claim) and compared, and the request time must lie
 * within {@link #MAX_SKEW} of the emulator's clock, as AWS requires: outside it the answer is what the service's
 * front end sends, 400 InvalidSignatureException "Signature expired: ... (... - 15 min.)" or "Signature not yet
 * current: ... (... + 15 min.)". Without a secret key no signature or time is checked.
 */
final class SigV4Authenticator {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "personalize";
    /** How far the request time may be from the service's, either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretKey;
    private final ServiceClock clock;

    SigV4Authenticator(String accessKeyId, String secretKey, ServiceClock clock) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    void authenticate(HttpExchange exchange, byte[] body) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.missingAuthenticationToken();
        }
        if (!header.startsWith(ALGORITHM + " ")) {
            throw ApiException.incompleteSignature("Authorization header requires the " + ALGORITHM + " algorithm");
        }
        Map<String, String> params = parameters(header.substring(ALGORITHM.length() + 1));
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!params.containsKey(required)) {
                throw ApiException.incompleteSignature("Authorization header requires '" + required
                        + "' parameter. Authorization=" + ALGORITHM);
            }
        }
        String[] scope = params.get("Credential").split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw ApiException.incompleteSignature("Credential must have the form "
                    + "<access key id>/<date>/<region>/<service>/aws4_request");
        }
        if (!SERVICE.equals(scope[3])) {
            throw ApiException.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        if (accessKeyId != null && !accessKeyId.equals(scope[0])) {
            throw ApiException.unrecognizedClient();
        }
        if (secretKey != null) {
            verifySignature(exchange, body, scope, params);
        }
    }

    private void verifySignature(HttpExchange exchange, byte[] body, String[] scope, Map<String, String> params) {
        Headers headers = exchange.getRequestHeaders();
        String amzDate = headers.getFirst("X-Amz-Date");
        if (amzDate == null) {
            throw ApiException.incompleteSignature("Authorization header requires existence of either a "
                    + "'X-Amz-Date' or a 'Date' header.");
        }
        checkTime(amzDate, scope[1]);
        String signedHeaders = params.get("SignedHeaders");
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            List<String> values = headers.get(name);
            String joined = values == null ? "" : String.join(",", values.stream()
                    .map(v -> v.trim().replaceAll(" +", " ")).toList());
            canonicalHeaders.append(name).append(':').append(joined).append('\n');
        }
        String payloadHash = hex(sha256(body)); // what was received, whatever X-Amz-Content-Sha256 claims
        String canonicalRequest = exchange.getRequestMethod() + '\n'
                + SigV4Canonical.uri(exchange.getRequestURI().getRawPath()) + '\n'
                + SigV4Canonical.query(exchange.getRequestURI().getRawQuery()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders + '\n'
                + payloadHash;
        String credentialScope = scope[1] + '/' + scope[2] + '/' + scope[3] + '/' + scope[4];
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n'
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, scope[4]);
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                params.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.invalidSignature("The request signature we calculated does not match the signature "
                    + "you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
    }

    /** The request time parses, matches the credential scope's date and is within {@link #MAX_SKEW} of now. */
    private void checkTime(String amzDate, String scopeDate) {
        Instant signed;
        try {
            signed = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw ApiException.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (!amzDate.startsWith(scopeDate)) {
            throw ApiException.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                    + "version of date from HTTP: '" + scopeDate + "' != '" + amzDate.substring(0, 8)
                    + "', from '" + amzDate + "'.");
        }
        Instant now = clock.now();
        if (signed.isBefore(now.minus(MAX_SKEW))) {
            throw ApiException.invalidSignatureBadRequest("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signed.isAfter(now.plus(MAX_SKEW))) {
            throw ApiException.invalidSignatureBadRequest("Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new HashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return params;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(String.format(Locale.ROOT, "%02x", b));
        }
        return out.toString();
    }
}
