package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * How the rows of one ODE sampling or log-density call are cut into pieces, each integrated by its own solve (an
 * adaptive solver shares one step size within a piece). The cut depends only on the number of rows and the shard
 * count, never on threads: {@code shards × ⌈⌈n / shards⌉ / CHUNK⌉} contiguous pieces of near-equal size (at most
 * {@value ConditionalVectorField#CHUNK} rows each), so that the pieces divide evenly over up to {@code shards}
 * threads.
 */
final class RowPieces {
    private final int n;
    private final int count;

    /**
     * @param n number of rows (≥ 0)
     * @param shards the shard count (≥ 1): the number of pieces is a multiple of it
     */
    RowPieces(int n, int shards) {
        if (n < 0 || shards < 1) {
            throw new IllegalArgumentException("bad row count " + n + " or shard count " + shards);
        }
        this.n = n;
        int perShard = (n + shards - 1) / shards;
        this.count = n == 0 ? 0 : shards * Math.max(1, (perShard + ConditionalVectorField.CHUNK - 1)
                / ConditionalVectorField.CHUNK);
    }

    /** Number of pieces (some may be empty when there are fewer rows than shards). */
    int count() {
        return count;
    }

    /** First row of piece k. */
    int from(int k) {
        return (int) ((long) n * k / count);
    }

    /** Rows in piece k. */
    int rows(int k) {
        return from(k + 1) - from(k);
    }

    /**
     * One Hutchinson probe generator per piece, seeded in piece order from {@code divergence} (so they do not depend
     * on which thread integrates which piece), or {@code null}s for the exact divergence.
     *
     * @param divergence the probes' generator, or {@code null}
     * @return {@link #count()} generators or {@code null}s
     */
    UniformRandomProvider[] probeSources(UniformRandomProvider divergence) {
        UniformRandomProvider[] sources = new UniformRandomProvider[count];
        if (divergence != null) {
            for (int k = 0; k < count; k++) {
                sources[k] = RandomSource.XO_RO_SHI_RO_128_PP.create(divergence.nextLong());
            }
        }
        return sources;
    }
}
