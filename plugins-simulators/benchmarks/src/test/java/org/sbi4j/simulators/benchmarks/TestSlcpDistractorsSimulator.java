package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SimulationResult;

class TestSlcpDistractorsSimulator {
    private final SlcpDistractorsSimulator task =
            new SlcpDistractorsSimulator(SbibmTestData.task("slcp_distractors"));
    private final SlcpSimulator slcp = new SlcpSimulator(SbibmTestData.task("slcp"));

    @Test
    void slcpNumbersSitInTheDocumentedColumns() {
        assertThat(task.slcpColumns()).containsExactly(22, 33, 23, 67, 42, 21, 16, 90);
        ReferenceData distractors = task.referenceData().orElseThrow();
        ReferenceData plain = slcp.referenceData().orElseThrow();
        for (int number = 1; number <= 10; number++) {
            double[] x = distractors.observation(number);
            double[] expected = plain.observation(number);
            for (int k = 0; k < 8; k++) {
                assertThat(x[task.slcpColumns()[k]]).isEqualTo(expected[k]);
            }
        }
    }

    @Test
    void likelihoodIsTheSlcpLikelihoodPlusAThetaFreeTerm() {
        double[] x = task.referenceData().orElseThrow().observation(3);
        double[] slcpX = new double[8];
        for (int k = 0; k < 8; k++) {
            slcpX[k] = x[task.slcpColumns()[k]];
        }
        double[][] theta = task.prior().sample(20, PosteriorCheck.rng(2));
        double[] batch = task.logLikelihoods(theta, x);
        double offset = task.logLikelihood(theta[0], x) - slcp.logLikelihood(theta[0], slcpX);
        assertThat(offset).isFinite();
        for (int i = 0; i < theta.length; i++) {
            assertThat(batch[i]).isCloseTo(task.logLikelihood(theta[i], x), within(1e-9));
            assertThat(batch[i] - slcp.logLikelihood(theta[i], slcpX)).isCloseTo(offset, within(1e-9));
        }
    }

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // same proposal as for slcp: one widened Gaussian per sign mode of (θ₃, θ₄) plus 20% prior; the
        // reference samples are the slcp ones (the distractors carry no information)
        var proposal = new MixtureProposal(task.prior(), task.referenceData().orElseThrow().referenceSamples(1),
                theta -> (theta[2] > 0 ? 1 : 0) + (theta[3] > 0 ? 2 : 0), 4, 1.5, false);
        PosteriorCheck.assertImportanceMatchesReference(task, proposal, 1, 200_000, 32, 5_000);
    }

    @Test
    void distractorsFollowTheStudentTMixture() {
        // sampler and density agree: the density percentile of fresh draws among other draws is uniform, so the
        // mean percentile of 200 draws against 4000 others is 1/2 with sd ≈ √(1/12/200) ≈ 0.02 (3.5 sd margin)
        int n = 4200;
        double[][] theta = task.prior().sample(n, PosteriorCheck.rng(6));
        SimulationResult result = task.simulate(theta, PosteriorCheck.rng(7));
        double[] densities = new double[n];
        for (int i = 0; i < n; i++) {
            densities[i] = task.logLikelihood(theta[i], result.row(i)) - slcpPart(theta[i], result.row(i));
        }
        double sum = 0;
        for (int i = 4000; i < n; i++) {
            int below = 0;
            for (int j = 0; j < 4000; j++) {
                if (densities[j] < densities[i]) {
                    below++;
                }
            }
            sum += below / 4000.0;
        }
        assertThat(sum / 200).isCloseTo(0.5, within(0.07));
    }

    private double slcpPart(double[] theta, double[] x) {
        double[] slcpX = new double[8];
        for (int k = 0; k < 8; k++) {
            slcpX[k] = x[task.slcpColumns()[k]];
        }
        return slcp.logLikelihood(theta, slcpX);
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 5_000, 25);
    }
}
