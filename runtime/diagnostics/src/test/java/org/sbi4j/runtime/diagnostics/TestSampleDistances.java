package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.shifted;
import static org.sbi4j.runtime.diagnostics.DistanceTestSamples.standard;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestSampleDistances {
    @Test
    void everyDistanceGrowsWhenTheSamplesMoveAway() {
        double[][] reference = standard(700, 2, 1);
        double[][] good = standard(700, 2, 2);
        double[][] bad = shifted(good, 1.0);
        SampleDistances.Result near = SampleDistances.compute(good, reference, 3);
        SampleDistances.Result far = SampleDistances.compute(bad, reference, 3);
        assertThat(far.mmd().mmd()).isGreaterThan(near.mmd().mmd() + 0.2);
        // KL(N(0, I) ‖ N((1, 0), I)) = 1/2; at n = m = 700 the k-NN estimate has SD ≈ 0.05 (scaled from the
        // measured 0.0175 at 5000) and a small negative bias: ±0.2 is about 4 SD
        assertThat(far.kl().nats()).isBetween(0.3, 0.7);
        assertThat(near.kl().nats()).isLessThan(0.1);
        assertThat(far.wasserstein().w2()).isGreaterThan(0.8);
        assertThat(near.wasserstein().w2()).isLessThan(0.3);
        assertThat(far.wasserstein().method()).isEqualTo("exact");
        assertThat(far.wasserstein().samplesUsed()).isEqualTo(700);
    }

    @Test
    void worksInTenDimensionsAndIsDeterministic() {
        double[][] reference = standard(1000, 10, 4);
        double[][] samples = shifted(standard(800, 10, 5), 0.5);
        SampleDistances.Result one = SampleDistances.compute(samples, reference, 6, 1);
        SampleDistances.Result two = SampleDistances.compute(samples, reference, 6, 2);
        assertThat(two).isEqualTo(one);
        assertThat(one.wasserstein().method()).isEqualTo("sliced");
        assertThat(one.kl().pUsed()).isEqualTo(1000); // KL(reference ‖ samples): P is the reference
        assertThat(one.kl().qUsed()).isEqualTo(800);
        assertThat(one.mmd().zScored()).isTrue();
    }

    @Test
    void runsOnTheGivenPoolWithTheSameResult() {
        double[][] reference = standard(300, 4, 7);
        double[][] samples = shifted(standard(300, 4, 8), 0.5);
        CountingWorkerPool pool = new CountingWorkerPool();
        SampleDistances.Result one = SampleDistances.compute(samples, reference, 9, 1);
        assertThat(SampleDistances.compute(samples, reference, 9, 3, pool)).isEqualTo(one);
        assertThat(pool.tasks()).isPositive();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> SampleDistances.compute(new double[][] {{Double.NaN}}, standard(10, 1, 1), 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("NaN");
    }
}
