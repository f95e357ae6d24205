package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.runtime.io.Csv;

class TestC2st {
    private static final Path SBIBM = Path.of("../../data/sbibm");

    private static double[][] reference(String task, int observation) {
        return Csv.read(SBIBM.resolve(task).resolve(String.format("obs%02d", observation))
                .resolve("reference_posterior_samples.csv")).rows();
    }

    @Test
    void twoSamplesOfOneDistributionScoreOneHalf() {
        double[][] all = reference("two_moons", 1);
        double[][] first = Arrays.copyOfRange(all, 0, 5000);
        double[][] second = Arrays.copyOfRange(all, 5000, 10_000);
        C2st.Result result = C2st.sbibm().evaluate(first, second, 1);
        // 10,000 held-out predictions: chance accuracy has a standard error of 0.005; 0.02 is 4 of them
        assertThat(result.accuracy()).isCloseTo(0.5, within(0.02));
        assertThat(result.samplesPerSet()).isEqualTo(5000);
        assertThat(result.foldConverged()).containsOnly(true);
    }

    @Test
    void posteriorsOfDifferentObservationsAreToldApart() {
        double acc = C2st.score(reference("two_moons", 1), reference("two_moons", 2), 1);
        assertThat(acc).isGreaterThan(0.99);
    }

    @Test
    void tenDimensionalPosteriorsOfDifferentObservationsAreToldApart() {
        // gaussian_linear (d = 10, hidden layers of 100): 3000 rows of each keep the test fast
        double[][] a = Arrays.copyOf(reference("gaussian_linear", 1), 3000);
        double[][] b = Arrays.copyOf(reference("gaussian_linear", 2), 3000);
        C2st.Result result = C2st.sbibm().evaluate(a, b, 1);
        assertThat(result.accuracy()).isGreaterThan(0.98);
    }

    @Test
    void meanShiftGivesTheBayesOptimalAccuracy() {
        // N(δ, 1) against N(0, 1): the best possible accuracy is Φ(δ/2) = 0.6915 for δ = 1
        double delta = 1.0;
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(2024L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(r);
        double[][] shifted = new double[10_000][1];
        double[][] reference = new double[10_000][1];
        for (int i = 0; i < 10_000; i++) {
            shifted[i][0] = delta + normal.sample();
            reference[i][0] = normal.sample();
        }
        double bayes = 0.6914624612740131; // Φ(0.5)
        double acc = C2st.score(shifted, reference, 3);
        // 20,000 held-out predictions: standard error sqrt(0.69·0.31/20000) = 0.0033. The classifier cannot beat
        // Φ(δ/2) except by chance (+3 SE); it may fall short of it by a little (-0.015 = 4.5 SE)
        assertThat(acc).isBetween(bayes - 0.015, bayes + 0.01);
    }

    @Test
    void runsTheFoldsOnTheGivenPoolWithTheSameScore() {
        double[][] a = DistanceTestSamples.standard(200, 2, 1);
        double[][] b = DistanceTestSamples.shifted(DistanceTestSamples.standard(200, 2, 2), 0.5);
        CountingWorkerPool pool = new CountingWorkerPool();
        C2st.Result one = C2st.sbibm().withThreads(1).evaluate(a, b, 4);
        C2st.Result three = C2st.sbibm().withPool(pool).withThreads(3).evaluate(a, b, 4);
        assertThat(three.foldAccuracies()).isEqualTo(one.foldAccuracies());
        assertThat(three.foldEpochs()).isEqualTo(one.foldEpochs());
        assertThat(pool.tasks()).isEqualTo(C2st.SBIBM_FOLDS);
    }

    @Test
    void sameSeedSameScoreForAnyThreadCount() {
        double[][] a = Arrays.copyOf(reference("two_moons", 1), 1500);
        double[][] b = Arrays.copyOf(reference("two_moons", 3), 1500);
        C2st.Result one = C2st.sbibm().withThreads(1).evaluate(a, b, 11);
        C2st.Result two = C2st.sbibm().withThreads(2).evaluate(a, b, 11);
        C2st.Result five = C2st.sbibm().withThreads(5).evaluate(a, b, 11);
        assertThat(two.foldAccuracies()).isEqualTo(one.foldAccuracies());
        assertThat(five.foldAccuracies()).isEqualTo(one.foldAccuracies());
        assertThat(two.foldEpochs()).isEqualTo(one.foldEpochs());
        assertThat(two.accuracy()).isEqualTo(one.accuracy());
        C2st.Result otherSeed = C2st.sbibm().withThreads(2).evaluate(a, b, 12);
        assertThat(otherSeed.foldEpochs()).isNotEqualTo(one.foldEpochs());
    }

    @Test
    void largerSetIsSubsampledToTheSmallerOne() {
        double[][] all = reference("two_moons", 1);
        double[][] big = Arrays.copyOfRange(all, 0, 3000);
        double[][] small = Arrays.copyOfRange(all, 3000, 4000);
        C2st.Result result = C2st.sbibm().evaluate(big, small, 5);
        assertThat(result.samplesPerSet()).isEqualTo(1000);
        // balanced classes keep chance at 0.5 (2000 held-out predictions: SE 0.011)
        assertThat(result.accuracy()).isCloseTo(0.5, within(0.045));
        C2st.Result swapped = C2st.sbibm().evaluate(small, big, 5);
        assertThat(swapped.samplesPerSet()).isEqualTo(1000);
    }

    @Test
    void zScoresByTheReferenceWithTheUnbiasedStandardDeviation() {
        double[][] ref = {{1, 10}, {2, 10}, {3, 10}, {6, 10}};
        double[] mean = new double[2];
        double[] scale = new double[2];
        C2st.referenceMoments(ref, mean, scale);
        assertThat(mean).containsExactly(3.0, 10.0);
        // Σ(x-3)² = 4+1+0+9 = 14, n-1 = 3; a constant column is only centred
        assertThat(scale[0]).isCloseTo(Math.sqrt(14.0 / 3), within(1e-15));
        assertThat(scale[1]).isEqualTo(1.0);
    }

    @Test
    void rejectsBadSamples() {
        double[][] ok = new double[10][2];
        assertThatThrownBy(() -> C2st.score(new double[][] {{0, Double.NaN}}, ok, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> C2st.score(new double[10][3], ok, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same width");
        assertThatThrownBy(() -> C2st.score(new double[3][2], ok, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5 rows");
        assertThatThrownBy(() -> C2st.sbibm().withThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }
}
