package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.prior.Gaussian;

class TestGaussianLinearSimulator {
    private final GaussianLinearSimulator task = new GaussianLinearSimulator(SbibmTestData.task("gaussian_linear"));

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // 10 dimensions are too many for prior draws; proposal: 80% a Gaussian fitted to the reference samples
        // with sds widened 1.5×, 20% prior (effective sample size ≈ 13,000 of 100,000)
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 1.5, false), 1,
                100_000, 11, 10_000);
    }

    @Test
    void closedFormPosteriorObeysBayesRule() {
        // evidence: x ~ N(0, (0.1 + 0.1)·I)
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number : new int[] {1, 7}) {
            double[] x = reference.observation(number);
            double logEvidence = 0;
            for (double v : x) {
                logEvidence += Gaussian.logDensity(v, 0, Math.sqrt(0.2));
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
    void closedFormMomentsAreHalfTheObservationAndVariance005() {
        double[] x = task.referenceData().orElseThrow().observation(2);
        Moments m = Moments.of(task.samplePosterior(x, 100_000, PosteriorCheck.rng(9)));
        for (int j = 0; j < 10; j++) {
            assertThat(m.mean()[j]).isCloseTo(x[j] / 2, within(4 * m.seMean()[j]));
            assertThat(m.sd()[j]).isCloseTo(Math.sqrt(0.05), within(4 * m.seSd()[j]));
        }
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 21);
    }
}
