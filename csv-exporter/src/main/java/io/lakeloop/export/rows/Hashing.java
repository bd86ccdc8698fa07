package io.lakeloop.export.rows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit hash of byte ranges (MurmurHash3's 64-bit block mix with its {@code fmix64} finaliser), seeded so
 * two seeds give a 128-bit fingerprint. Used for distinct counts, HyperLogLog and de-duplication; not for security.
 */
public final class Hashing {

    public static final long SEED_A = 0x9E3779B97F4A7C15L;
    public static final long SEED_B = 0xC2B2AE3D27D4EB4FL;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Hashing() {
    }

    public static long hash(byte[] b, int off, int len, long seed) {
        long h = seed;
        int i = off;
        int end = off + len;
        while (i + 8 <= end) {
            long k = (long) LONGS.get(b, i);
            h ^= mixK(k);
            h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
            i += 8;
        }
        long k = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            k |= (b[i] & 0xFFL) << shift;
        }
        h ^= mixK(k);
        return fmix64(h ^ len);
    }

    private static long mixK(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        return k * C2;
    }

    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
