package org.sbi4j.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.NormalPrior;
import org.sbi4j.api.Proposal;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * Importance sampling on the conjugate model θ ~ N(0, I₂), x | θ ~ N(θ, σ² I₂): posterior
 * N(x / (1 + σ²), σ² / (1 + σ²) I₂), evidence N(x; 0, (1 + σ²) I₂).
 */
class TestImportanceSampler {
    private static final double NOISE = 0.5;
    private static final double[] X0 = {0.8, -0.3};
    private static final NormalPrior PRIOR = new NormalPrior(new double[2], new double[] {1, 1}, List.of("a", "b"));
    private static final Likelihood LIKELIHOOD = (theta, x) ->
            Gaussian.logDensity(x[0], theta[0], NOISE) + Gaussian.logDensity(x[1], theta[1], NOISE);

    private static double exactLogEvidence() {
        double sd = Math.sqrt(1 + NOISE * NOISE);
        return Gaussian.logDensity(X0[0], 0, sd) + Gaussian.logDensity(X0[1], 0, sd);
    }

    private static double posteriorMean(int j) {
        return X0[j] / (1 + NOISE * NOISE);
    }

    private static double posteriorSd() {
        return Math.sqrt(NOISE * NOISE / (1 + NOISE * NOISE));
    }

    private static SamplingProblem problem(Posterior proposal) {
        return new SamplingProblem(new PriorTimesLikelihood(PRIOR, LIKELIHOOD, X0, LocalWorkerPool.shared(), 2), PRIOR,
                Proposal.of(proposal, X0), 2);
    }

    /** A Gaussian posterior with the exact mean shifted by {@code shift} and the exact sd scaled by {@code scale}. */
    private static Posterior gaussian(double shift, double scale, boolean density) {
        return new Posterior() {
            @Override
            public List<String> parameterNames() {
                return List.of("a", "b");
            }

            @Override
            public double[][] sample(double[] x, int n, UniformRandomProvider rng) {
                double[][] out = new double[n][2];
                for (double[] row : out) {
                    for (int j = 0; j < 2; j++) {
                        row[j] = x[j] / (1 + NOISE * NOISE) + shift + scale * posteriorSd() * Gaussian.next(rng);
                    }
                }
                return out;
            }

            @Override
            public boolean hasLogDensity() {
                return density;
            }

            @Override
            public boolean isLogDensityNormalized() {
                return density;
            }

            @Override
            public double[] logDensity(double[][] theta, double[] x) {
                double[] out = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    for (int j = 0; j < 2; j++) {
                        out[i] += Gaussian.logDensity(theta[i][j], x[j] / (1 + NOISE * NOISE) + shift,
                                scale * posteriorSd());
                    }
                }
                return out;
            }

            @Override
            public void save(ModelWriter out) {
            }
        };
    }

    @Test
    void aPerfectProposalHasEfficiencyOneAndTheExactEvidence() {
        ImportanceWeights w = new ImportanceSampler(2000, 2000).weigh(problem(gaussian(0, 1, true)), 1000, Seeds.random(1, "test", 0));
        assertThat(w.size()).isEqualTo(2000);
        assertThat(w.sampleEfficiency()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.logEvidence()).isCloseTo(exactLogEvidence(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.logEvidenceStandardError()).isLessThan(1e-4);
        assertThat(w.zeroWeights()).isZero();
    }

    @Test
    void anImperfectProposalGivesTheEvidenceWithinItsStandardErrorAndTheRightPosterior() {
        // Proposal 1.6 times too wide and shifted by a third of a posterior sd: efficiency well below 1.
        ImportanceWeights w = new ImportanceSampler(20_000, 20_000).weigh(problem(gaussian(0.15, 1.6, true)), 1000, Seeds.random(2, "test", 0));
        assertThat(w.sampleEfficiency()).isBetween(0.2, 0.9);
        assertThat(w.logEvidenceStandardError()).isPositive();
        assertThat(Math.abs(w.logEvidence() - exactLogEvidence())).isLessThan(3 * w.logEvidenceStandardError());

        double[][] draws = w.resample(20_000, Seeds.random(3, "test", 0));
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double ss = 0;
            for (double[] row : draws) {
                mean += row[j];
            }
            mean /= draws.length;
            for (double[] row : draws) {
                ss += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(ss / (draws.length - 1));
            // Monte Carlo s.e. of the mean with n_eff ≈ ε·20,000 ≥ 4,000 draws: sd/√4000 ≈ 0.007.
            assertThat(mean).isCloseTo(posteriorMean(j), org.assertj.core.data.Offset.offset(0.03));
            assertThat(sd).isCloseTo(posteriorSd(), org.assertj.core.data.Offset.offset(0.03));
        }
    }

    @Test
    void proposalsAreDrawnUntilTheEffectiveSampleSizeIsReached() {
        ImportanceWeights w = new ImportanceSampler(1000, 1_000_000).weigh(problem(gaussian(0.2, 2.0, true)), 5000, Seeds.random(4, "test", 0));
        assertThat(w.effectiveSampleSize()).isGreaterThanOrEqualTo(5000);
        assertThat(w.size()).isGreaterThan(5000).isLessThan(1_000_000);
    }

    @Test
    void theSameGeneratorGivesTheSameSamples() {
        SampledPosterior refined = new SampledPosterior(gaussian(0.1, 1.3, true), "importance-sampling",
                new ImportanceSampler(3000, 100_000), PRIOR, LIKELIHOOD, LocalWorkerPool.shared(), 2);
        double[][] a = refined.sample(X0, 500, Seeds.random(5, "test", 0));
        double[][] b = refined.sample(X0, 500, Seeds.random(5, "test", 0));
        assertThat(a).isDeepEqualTo(b);
    }

    @Test
    void drawsOutsideThePriorGetZeroWeight() {
        double[][] theta = {{0.1}, {5}, {-0.2}};
        ImportanceWeights w = ImportanceWeights.of(theta, new double[] {-1, Double.NEGATIVE_INFINITY, -1},
                new double[] {-1, -1, -1});
        assertThat(w.zeroWeights()).isEqualTo(1);
        assertThat(w.effectiveSampleSize()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
        for (double[] row : w.resample(100, Seeds.random(6, "test", 0))) {
            assertThat(row[0]).isNotEqualTo(5.0);
        }
    }

    @Test
    void aPosteriorWithoutDensityIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new SampledPosterior(gaussian(0, 1, false), "importance-sampling",
                new ImportanceSampler(100, 100), PRIOR, LIKELIHOOD, LocalWorkerPool.shared(), 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("density");
    }

    @Test
    void aSamplerThatNeedsAGradientIsRefusedBeforeAnyWorkWhenTheLikelihoodHasNone() {
        org.sbi4j.api.Sampler gradientSampler = new org.sbi4j.api.Sampler() {
            @Override
            public boolean needsGradient() {
                return true;
            }

            @Override
            public org.sbi4j.api.SamplerResult sample(SamplingProblem problem, int n,
                                                      org.apache.commons.rng.UniformRandomProvider rng) {
                throw new AssertionError("not reached");
            }
        };
        assertThatThrownBy(() -> new SampledPosterior(gaussian(0, 1, true), "hmc", gradientSampler, PRIOR,
                LIKELIHOOD, LocalWorkerPool.shared(), 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("sampler 'hmc' needs the gradient")
                .hasMessageContaining("metropolis-hastings or slice");
    }

    @Test
    void allZeroWeightsAreAClearError() {
        assertThatThrownBy(() -> ImportanceWeights.of(new double[][] {{1}}, new double[] {Double.NEGATIVE_INFINITY},
                new double[] {0}))
                .isInstanceOf(SbiException.class).hasMessageContaining("every one of 1 importance weights is zero");
    }
}
