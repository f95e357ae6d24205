package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.TruncatedNormal;

class TestGaussianMixtureSimulator {
    private final GaussianMixtureSimulator task = new GaussianMixtureSimulator(SbibmTestData.task("gaussian_mixture"));

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // prior draws alone give an effective sample size of only ~800 per 10⁶; proposal: 80% a Gaussian fitted
        // to the reference samples with sds widened 2× (the posterior mixes sds 1 and 0.1), 20% prior
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 2, false), 1,
                400_000, 13, 5_000);
    }

    @Test
    void closedFormPosteriorObeysBayesRule() {
        // evidence: 1/400 · (½ P_box(N(x, I)) + ½ P_box(N(x, 0.01 I)))
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number : new int[] {1, 6}) {
            double[] x = reference.observation(number);
            double wide = 1;
            double narrow = 1;
            for (double v : x) {
                wide *= Math.exp(TruncatedNormal.logMass(v, 1, -10, 10));
                narrow *= Math.exp(TruncatedNormal.logMass(v, 0.1, -10, 10));
            }
            ClosedFormCheck.assertBayesRule(task, x, Math.log((0.5 * wide + 0.5 * narrow) / 400), number);
        }
    }

    @Test
    void closedFormPosteriorMatchesTheReferenceSamples() {
        // 10 observations × 2 parameters × (mean, sd) = 40 comparisons: 3.5 standard errors each
        ClosedFormCheck.assertSamplesMatchReference(task, 3.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void everySimulationChoosesItsOwnComponent() {
        // the corrected sbibm simulator: within one batch about half the rows are wide (|x − θ| ≫ 0.1)
        int n = 10_000;
        double[][] theta = new double[n][2];
        SimulationResult result = task.simulate(theta, PosteriorCheck.rng(4));
        int wide = 0;
        for (int i = 0; i < n; i++) {
            if (Math.hypot(result.row(i)[0], result.row(i)[1]) > 0.5) {
                wide++;
            }
        }
        // P(wide row beyond 0.5) = 0.5·exp(−0.125) ≈ 0.441 (narrow rows: exp(−12.5) ≈ 0); sd of the count ≈ 50
        assertThat(wide).isBetween(4412 - 250, 4412 + 250);
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 23);
    }
}
