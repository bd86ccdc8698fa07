package io.lakeloop.export.rows;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hasher64;
import java.security.SecureRandom;

/**
 * The exporter's hashes, all XXH3 from hash4j (Dynatrace's maintained, tested Java port of xxHash's XXH3, which
 * passes SMHasher): 64-bit hashes of ids for the distinct counts and HyperLogLog, and 128-bit fingerprints of
 * de-duplication keys.
 *
 * <p>Fingerprints are XXH3-128 with a seed drawn at random once per process. Two different keys share a fingerprint
 * with probability 2⁻¹²⁷ (one bit is used to mark "no key"), so among n keys some pair collides with probability
 * below n²/2¹²⁸ — for keys that were not chosen against this hash. XXH3 is not a cryptographic hash: a writer of
 * lake rows who knew the seed could construct two keys with one fingerprint. The random seed means a pair built in
 * advance is not a collision in every run; it is not a proof against an adaptive attacker, and the bound above is
 * stated only for input that is not adversarial.
 */
public final class Hashing {

    private static final Hasher64 IDS = com.dynatrace.hash4j.hashing.Hashing.xxh3_64();
    private static final Hasher128 FINGERPRINTS = com.dynatrace.hash4j.hashing.Hashing.xxh3_128(
            new SecureRandom().nextLong());

    private Hashing() {
    }

    /** A 64-bit hash of an id, for counting distinct ids. */
    public static long id(byte[] b, int off, int len) {
        return IDS.hashBytesToLong(b, off, len);
    }

    /** The 128-bit fingerprint of a de-duplication key. */
    public static HashValue128 fingerprint(byte[] b, int off, int len) {
        return FINGERPRINTS.hashBytesTo128Bits(b, off, len);
    }
}
