package org.sbi4j.runtime.simulate;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Reproducible random streams: each (master seed, stream name, index) gives an independent generator, so a
 * batch's randomness depends on its index only, never on which thread runs it or in what order.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * The generator of one stream.
     *
     * @param seed the master seed
     * @param stream what the stream is for
     * @param index the batch or chain number
     * @return a fresh generator (XoShiRo256++)
     */
    public static UniformRandomProvider random(long seed, String stream, long index) {
        return RandomSource.XO_SHI_RO_256_PP.create(derive(seed, stream, index));
    }

    /**
     * Mixes a master seed, a stream name and an index into one 64-bit seed.
     *
     * @param seed the master seed
     * @param stream the stream name
     * @param index the index
     * @return the derived seed
     */
    public static long derive(long seed, String stream, long index) {
        long h = mix(seed ^ 0x5851F42D4C957F2DL);
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
