package io.lakeloop.export.sink;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The ETag S3 gives an object completed from a multipart upload: the MD5 of the parts' binary MD5s (their ETags),
 * a dash and the number of parts. Knowing it from the parts alone tells this upload's object from an older one at
 * the same key.
 */
final class MultipartEtag {

    private MultipartEtag() {
    }

    static String of(List<CompletedPart> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (CompletedPart p : parts) {
                md5.update(HexFormat.of().parseHex(strip(p.eTag())));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return "unknown"; // a part ETag that is not an MD5 (some S3-compatible stores): never matches
        }
    }

    /** An ETag without its surrounding quotes. */
    static String strip(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
