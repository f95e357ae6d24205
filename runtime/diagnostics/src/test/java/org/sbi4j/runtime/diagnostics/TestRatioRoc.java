package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulator;

/**
 * The ratio ROC check on the conjugate Gaussian model x = θ + N(0, 1), θ ~ N(0, I₂), where the exact posterior's
 * density less the log prior is the exact log ratio log p(x | θ) − log p(x).
 */
class TestRatioRoc {
    private static final int D = 2;
    private final Prior prior = ConjugateGaussianModel.prior(D);
    private final Simulator simulator = ConjugateGaussianModel.simulator(D);

    private RatioRoc.Result check(RatioRoc.LogRatio ratio) {
        return RatioRoc.check(prior, simulator, ratio, 2000, 17);
    }

    @Test
    void theExactRatioIsConsistent() {
        RatioRoc.Result result = check(RatioRoc.of(ConjugateGaussianModel.exact(D), prior));
        assertThat(result.jointPairs()).isEqualTo(2000);
        // within 3 standard errors of 0.5 (the held-out classifier cannot beat chance on average)
        assertThat(Math.abs(result.auc() - 0.5)).as("AUC %.4f ± %.4f", result.auc(), result.standardError())
                .isLessThan(3 * result.standardError());
        assertThat(result.auc()).isLessThan(RatioRoc.AUC_WARNING);
    }

    @Test
    void anOverconfidentRatioIsCaught() {
        // a posterior half as wide as the truth: log r̂ = log q(θ | x) − log p(θ) over-weights the marginal pairs
        // whose θ is close to x
        RatioRoc.Result result = check(RatioRoc.of(ConjugateGaussianModel.wrong(D, 0.5, 0, true), prior));
        assertThat(result.auc()).isGreaterThan(RatioRoc.AUC_WARNING);
    }

    @Test
    void aRatioThatIgnoresTheDataIsCaught() {
        RatioRoc.Result result = check((theta, x) -> new double[theta.length]);
        // unweighted marginal pairs against joint pairs: x = θ + noise is easy to tell from an independent pair
        assertThat(result.auc()).isGreaterThan(0.7);
        assertThat(result.marginalEffectiveSize()).isCloseTo(2000 * RatioRoc.MARGINAL_PER_X,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void sameSeedSameAuc() {
        RatioRoc.LogRatio ratio = RatioRoc.of(ConjugateGaussianModel.wrong(D, 0.8, 0.2, true), prior);
        assertThat(check(ratio)).isEqualTo(check(ratio));
    }

    @Test
    void weightedAucCountsTiesAsHalfAndHonoursWeights() {
        double[] label = {1, 1, 0, 0};
        assertThat(RatioRoc.weightedAuc(new double[] {2, 3, 0, 1}, label, new double[] {1, 1, 1, 1})).isEqualTo(1.0);
        assertThat(RatioRoc.weightedAuc(new double[] {1, 1, 1, 1}, label, new double[] {1, 1, 1, 1})).isEqualTo(0.5);
        // the positive at 0 is below the negative at 1 (weight 3) and above the one at −1 (weight 1): 1/4 for it
        assertThat(RatioRoc.weightedAuc(new double[] {0, 5, 1, -1}, label, new double[] {1, 1, 3, 1}))
                .isEqualTo((0.25 + 1.0) / 2);
    }
}
