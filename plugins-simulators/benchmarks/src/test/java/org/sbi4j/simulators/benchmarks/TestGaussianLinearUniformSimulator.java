package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.prior.TruncatedNormal;

class TestGaussianLinearUniformSimulator {
    private final GaussianLinearUniformSimulator task =
            new GaussianLinearUniformSimulator(SbibmTestData.task("gaussian_linear_uniform"));

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // 10 dimensions are too many for prior draws; proposal: 80% a Gaussian fitted to the reference samples
        // with sds widened 1.5×, 20% prior (effective sample size ≈ 11,000 of 200,000: truncation to the box)
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 1.5, false), 1,
                200_000, 12, 5_000);
    }

    @Test
    void closedFormPosteriorObeysBayesRule() {
        // evidence: Π_j ½ · P(−1 ≤ N(x_j, 0.1) ≤ 1)
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number : new int[] {1, 4}) {
            double[] x = reference.observation(number);
            double logEvidence = 0;
            for (double v : x) {
                logEvidence += Math.log(0.5) + TruncatedNormal.logMass(v, Math.sqrt(0.1), -1, 1);
            }
            ClosedFormCheck.assertBayesRule(task, x, logEvidence, number);
        }
    }

    @Test
    void closedFormPosteriorMatchesTheReferenceSamples() {
        // 3 observations × 10 parameters × (mean, sd) = 60 comparisons: 3.5 standard errors each
        ClosedFormCheck.assertSamplesMatchReference(task, 3.5, 1, 5, 10);
    }

    @Test
    void posteriorDrawsStayInTheBoxEvenForFarObservations() {
        double[] far = {3, -3, 0.5, 0, 0, 0, 0, 0, 2.5, -4};
        for (double[] theta : task.samplePosterior(far, 2_000, PosteriorCheck.rng(3))) {
            assertThat(task.posteriorLogDensity(theta, far)).isFinite();
        }
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 22);
    }
}
