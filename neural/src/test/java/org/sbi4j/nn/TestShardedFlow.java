package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.nn.ode.DormandPrince;
import org.sbi4j.nn.ode.OdeReport;
import org.sbi4j.testing.SeededRandom;

/**
 * {@link ShardedFlow}: the pieces are fixed by the row count and the shard count, so 1, 2 and 3 threads give
 * byte-identical draws, one-pass densities and log densities; with one shard the results are those of the plain
 * single-threaded {@link ConditionalVectorField} calls.
 */
class TestShardedFlow {
    private static final double[] X0 = {0.3, -1.1};

    /** A randomly initialised float32 field (steps differ between pieces) with a bounded and a free parameter. */
    private static ConditionalVectorField field() {
        double[][] theta = new double[300][];
        double[][] x = new double[300][];
        for (int r = 0; r < 300; r++) {
            theta[r] = new double[] {Math.sin(r), 0.5 + 0.4 * Math.cos(0.3 * r)};
            x[r] = new double[] {r % 5, Math.sin(0.1 * r)};
        }
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.hiddenFeatures = 8;
        spec.blocks = 1;
        spec.embeddingDim = 4;
        spec.embeddingHidden = new int[] {6};
        ThetaBijection bijection = new ThetaBijection(new double[] {Double.NEGATIVE_INFINITY, 0},
                new double[] {Double.POSITIVE_INFINITY, 1});
        return ConditionalVectorField.create(spec, bijection, theta, x, true, Precision.FLOAT32, SeededRandom.of(4));
    }

    private static ShardedFlow flow(ConditionalVectorField field, int shards, int threads) {
        return new ShardedFlow(new CopyPool<>(field, ConditionalVectorField::copy), () -> new DormandPrince(1e-4,
                1e-4), () -> new DormandPrince(1e-4, 1e-4), shards, threads);
    }

    @Test
    void piecesDependOnRowsAndShardsOnly() {
        for (int n : new int[] {0, 1, 2, 5, 4096, 4097, 10_000, 20_000}) {
            for (int shards : new int[] {1, 2, 3}) {
                RowPieces p = new RowPieces(n, shards);
                assertThat(p.count() % shards).isZero();
                int total = 0;
                for (int k = 0; k < p.count(); k++) {
                    assertThat(p.rows(k)).isBetween(0, ConditionalVectorField.CHUNK);
                    assertThat(p.from(k)).isEqualTo(total);
                    total += p.rows(k);
                }
                assertThat(total).isEqualTo(n);
            }
        }
        assertThat(new RowPieces(10_000, 2).count()).isEqualTo(4);
        assertThat(new RowPieces(10_000, 1).count()).isEqualTo(3);
    }

    @Test
    void sameDrawsAndDensitiesForAnyThreadCount() {
        ConditionalVectorField field = field();
        int n = 9000;
        double[][] reference = null;
        double[] referenceDensity = null;
        double[] referenceLogQ = null;
        double[] referenceHutchinson = null;
        for (int threads = 1; threads <= 3; threads++) {
            ShardedFlow flow = flow(field, 2, threads);
            double[][] draws = flow.sample(X0, n, SeededRandom.of(7), null, null, 0);
            double[] density = new double[n];
            double[][] withDensity = flow.sample(X0, n, SeededRandom.of(7), density, null, 0);
            double[] logQ = flow.logDensity(draws, X0, null, 0);
            double[] hutchinson = flow.logDensity(draws, X0, SeededRandom.of(9), 1);
            assertThat(flow.lastReports()).hasSize(4).allSatisfy(r -> assertThat(r.functionEvaluations())
                    .isPositive());
            if (reference == null) {
                reference = draws;
                referenceDensity = density;
                referenceLogQ = logQ;
                referenceHutchinson = hutchinson;
                assertThat(withDensity[0][0]).isCloseTo(draws[0][0], org.assertj.core.data.Offset.offset(1e-2));
                continue;
            }
            assertThat(draws).as("draws, %d threads", threads).isDeepEqualTo(reference);
            assertThat(density).as("one-pass densities, %d threads", threads).containsExactly(referenceDensity);
            assertThat(logQ).as("log densities, %d threads", threads).containsExactly(referenceLogQ);
            assertThat(hutchinson).as("Hutchinson, %d threads", threads).containsExactly(referenceHutchinson);
        }
        // the one-pass densities agree with the backward solve up to the tolerance
        double worst = 0;
        for (int r = 0; r < n; r++) {
            worst = Math.max(worst, Math.abs(referenceDensity[r] - referenceLogQ[r]));
        }
        assertThat(worst).isLessThan(0.05);
    }

    @Test
    void oneShardIsThePlainField() {
        ConditionalVectorField field = field();
        int n = 5000;
        double[][] plain = field.copy().sample(X0, n, SeededRandom.of(3), new DormandPrince(1e-4, 1e-4), null, null,
                0);
        double[] plainLogQ = field.copy().logDensity(plain, X0, new DormandPrince(1e-4, 1e-4), null, 0);
        ShardedFlow flow = flow(field, 1, 2);
        assertThat(flow.sample(X0, n, SeededRandom.of(3), null, null, 0)).isDeepEqualTo(plain);
        assertThat(flow.logDensity(plain, X0, null, 0)).containsExactly(plainLogQ);
        assertThat(flow.lastReports()).hasSize(2).extracting(OdeReport::rejectedSteps).allMatch(r -> r >= 0);
    }

    @Test
    void rowsOutsideTheSupportHaveNoDensity() {
        ShardedFlow flow = flow(field(), 2, 2);
        double[] out = flow.logDensity(new double[][] {{0.1, 0.5}, {0.1, 1.5}, {-2, 0.2}}, X0, null, 0);
        assertThat(out[0]).isFinite();
        assertThat(out[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(out[2]).isFinite();
    }
}
