package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.gaussian;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.shifted;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.standard;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;

class TestMmd {
    @Test
    void twoSamplesOfOneGaussianGiveMmdSquaredNearZero() {
        // measured over 20 seeds: the unbiased MMD² of two 1000-row samples of N(0, I₂) has mean -0.00001 and
        // standard deviation 0.00064. The mean of 10 has SE 0.0002; 0.0008 is 4 SE.
        double sum = 0.0;
        for (int s = 0; s < 10; s++) {
            Mmd.Result r = Mmd.compute(standard(1000, 2, 10 + s), standard(1000, 2, 100 + s), s);
            assertThat(Math.abs(r.mmdSquared())).isLessThan(0.004); // 6 SD
            assertThat(r.mmd()).isEqualTo(Math.sqrt(Math.max(0.0, r.mmdSquared())));
            sum += r.mmdSquared();
        }
        assertThat(sum / 10).isCloseTo(0.0, within(0.0008));
    }

    @Test
    void matchesTheClosedFormForAFixedBandwidth() {
        // N(δ, 1) vs N(0, 1), kernel exp(-(x-y)²/(2σ²)): E k = σ/√(σ²+2s²)·exp(-Δ²/(2(σ²+2s²))), so
        // MMD² = 2σ/√(σ²+2)·(1 - exp(-δ²/(2(σ²+2)))) = 0.047117 for σ = 1, δ = 0.5
        double truth = 2.0 / Math.sqrt(3.0) * (1.0 - Math.exp(-0.25 / 6.0));
        Mmd mmd = Mmd.defaults().withZScore(false).withBandwidth(1.0);
        double sum = 0.0;
        for (int s = 0; s < 4; s++) {
            Mmd.Result r = mmd.evaluate(gaussian(2000, new double[] {0.5}, new double[] {1}, 10 + s),
                    standard(2000, 1, 100 + s), s);
            assertThat(r.bandwidth()).isEqualTo(1.0);
            assertThat(r.zScored()).isFalse();
            sum += r.mmdSquared();
        }
        // measured SD of one estimate at n = m = 2000: 0.0052; mean of 4: SE 0.0026; 0.01 is ~4 SE
        assertThat(sum / 4).isCloseTo(truth, within(0.01));
    }

    @Test
    void growsMonotonicallyWithTheShift() {
        double[][] reference = standard(1000, 2, 1);
        double[][] base = standard(1000, 2, 2);
        double previous = Double.NEGATIVE_INFINITY;
        for (double shift : new double[] {0.0, 0.25, 0.5, 1.0, 2.0, 4.0}) {
            Mmd.Result r = Mmd.compute(shifted(base, shift), reference, 7);
            assertThat(r.mmd()).isGreaterThan(previous);
            previous = r.mmd();
        }
        // disjoint sets: the kernel mean embeddings barely overlap, MMD² → 2·(1 - E k(x, x'))
        assertThat(previous).isGreaterThan(0.5);
    }

    @Test
    void zScoringMakesTheResultScaleInvariant() {
        double[][] reference = standard(800, 2, 1);
        double[][] samples = shifted(standard(800, 2, 2), 0.5);
        double[][] scaledReference = new double[800][];
        double[][] scaledSamples = new double[800][];
        for (int i = 0; i < 800; i++) {
            scaledReference[i] = new double[] {100 * reference[i][0] + 3, 0.01 * reference[i][1]};
            scaledSamples[i] = new double[] {100 * samples[i][0] + 3, 0.01 * samples[i][1]};
        }
        double plain = Mmd.compute(samples, reference, 3).mmdSquared();
        assertThat(Mmd.compute(scaledSamples, scaledReference, 3).mmdSquared()).isCloseTo(plain, within(1e-9));
        // without z-scoring the second column is invisible next to the first: the value changes
        assertThat(Mmd.defaults().withZScore(false).evaluate(scaledSamples, scaledReference, 3).mmdSquared())
                .isNotCloseTo(plain, within(1e-6));
    }

    @Test
    void medianHeuristicIsTheMedianPairwiseDistance() {
        // points 0, 1, 2, 3: distances 1, 1, 1, 2, 2, 3, median (1 + 2)/2
        double[] pooled = {0, 1, 2, 3};
        assertThat(Mmd.medianHeuristic(pooled, 4, 1, DistanceTestSamples.rng(1))).isEqualTo(1.5);
        // 0, 0, 0, 4: distances 0, 0, 0, 4, 4, 4, median 2
        assertThat(Mmd.medianHeuristic(new double[] {0, 0, 0, 4}, 4, 1, DistanceTestSamples.rng(1))).isEqualTo(2.0);
        // all equal: falls back to σ = 1
        assertThat(Mmd.medianHeuristic(new double[] {5, 5, 5}, 3, 1, DistanceTestSamples.rng(1))).isEqualTo(1.0);
    }

    @Test
    void permutationTestSeparatesShiftedFromEqualSets() {
        Mmd mmd = Mmd.defaults().withMaxPoints(400).withPermutations(99);
        Mmd.Result different = mmd.evaluate(shifted(standard(400, 2, 1), 0.6), standard(400, 2, 2), 5);
        // a 0.6 SD shift at n = 400 is far beyond every permuted value: the smallest possible p, 1/100
        assertThat(different.pValue()).isEqualTo(0.01);
        assertThat(different.permutations()).isEqualTo(99);
        // the reported statistic does not depend on whether a p-value is computed
        assertThat(different.mmdSquared()).isEqualTo(
                Mmd.defaults().withMaxPoints(400).evaluate(shifted(standard(400, 2, 1), 0.6), standard(400, 2, 2), 5)
                        .mmdSquared());
        // equal distributions: p is uniform on {0.01, ..., 1}; with this seed it is unremarkable
        Mmd.Result same = mmd.evaluate(standard(400, 2, 3), standard(400, 2, 4), 5);
        assertThat(same.pValue()).isGreaterThan(0.05);
        assertThat(same.pValue() * 100).isCloseTo(Math.rint(same.pValue() * 100), within(1e-9));
        assertThat(Mmd.compute(standard(50, 2, 3), standard(50, 2, 4), 5).pValue()).isNaN();
    }

    @Test
    void subsamplesLargeSets() {
        Mmd.Result r = Mmd.defaults().withMaxPoints(300).evaluate(standard(1000, 2, 1), standard(200, 2, 2), 1);
        assertThat(r.samplesUsed()).isEqualTo(300);
        assertThat(r.referenceUsed()).isEqualTo(200);
    }

    @Test
    void sameSeedSameValueForAnyThreadCount() {
        double[][] a = shifted(standard(1500, 3, 1), 0.3);
        double[][] b = standard(2500, 3, 2);
        Mmd mmd = Mmd.defaults().withPermutations(20);
        Mmd.Result one = mmd.withThreads(1).evaluate(a, b, 9);
        Mmd.Result three = mmd.withThreads(3).evaluate(a, b, 9);
        assertThat(three).isEqualTo(one);
        assertThat(mmd.withThreads(3).evaluate(a, b, 9)).isEqualTo(one);
        // another seed draws another subsample of the reference (2500 > 2000 rows)
        assertThat(mmd.withThreads(1).evaluate(a, b, 10).mmdSquared()).isNotEqualTo(one.mmdSquared());
    }

    @Test
    void rejectsBadInput() {
        double[][] ok = standard(10, 2, 1);
        assertThatThrownBy(() -> Mmd.compute(new double[0][], ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("non-empty")
                .satisfies(e -> assertThat(((SbiException) e).type()).isEqualTo(ErrorType.USER_ERROR));
        assertThatThrownBy(() -> Mmd.compute(standard(10, 3, 1), ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("same dimension");
        assertThatThrownBy(() -> Mmd.compute(new double[][] {{0, 1}, {0, Double.NaN}}, ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("row 1, column 1 is NaN");
        assertThatThrownBy(() -> Mmd.compute(new double[][] {{0, 1}}, ok, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> Mmd.defaults().withBandwidth(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidth");
    }
}
