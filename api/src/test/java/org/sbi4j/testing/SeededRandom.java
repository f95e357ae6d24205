package org.sbi4j.testing;

import org.apache.commons.rng.UniformRandomProvider;

/** A small SplitMix64 generator so the contract kit needs nothing beyond the API's own dependency. */
public final class SeededRandom implements UniformRandomProvider {
    private long state;

    private SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * @param seed the seed
     * @return a generator; the same seed gives the same sequence
     */
    public static UniformRandomProvider of(long seed) {
        return new SeededRandom(seed);
    }

    /**
     * A named stream of a seed: the same seed and name give the same sequence, different names independent ones.
     *
     * @param seed the master seed
     * @param stream the stream's name
     * @return a generator at the start of that stream
     */
    public static UniformRandomProvider of(long seed, String stream) {
        long h = mix(seed);
        for (int i = 0; i < stream.length(); i++) {
            h = mix(h ^ stream.charAt(i));
        }
        return new SeededRandom(mix(h ^ stream.length()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }
}
