package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SimulationResult;

class TestSlcpSimulator {
    private final SlcpSimulator task = new SlcpSimulator(SbibmTestData.task("slcp"));

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // θ₃ and θ₄ enter only squared: one Gaussian per sign mode of (θ₃, θ₄), fitted to the reference samples
        // of that mode and widened 1.5×, plus 20% prior for the tails the Gaussians miss (prior draws alone:
        // effective sample size ~1,100 per 10⁷)
        var proposal = new MixtureProposal(task.prior(), task.referenceData().orElseThrow().referenceSamples(1),
                theta -> (theta[2] > 0 ? 1 : 0) + (theta[3] > 0 ? 2 : 0), 4, 1.5, false);
        PosteriorCheck.assertImportanceMatchesReference(task, proposal, 1, 200_000, 31, 5_000);
    }

    @Test
    void simulatedPointsHaveTheStatedMomentsAndCorrelation() {
        double[] theta = {0.5, -1, 1.2, -0.8, 0.7};
        int n = 50_000;
        double[][] batch = new double[n][];
        java.util.Arrays.fill(batch, theta);
        SimulationResult result = task.simulate(batch, PosteriorCheck.rng(8));
        double[][] points = new double[4 * n][];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 4; p++) {
                points[4 * i + p] = new double[] {result.row(i)[2 * p], result.row(i)[2 * p + 1]};
            }
        }
        Moments m = Moments.of(points);
        // sds are θ₃² = 1.44 and θ₄² = 0.64 (standard deviations, not variances)
        assertThat(m.mean()[0]).isCloseTo(0.5, within(4 * m.seMean()[0]));
        assertThat(m.mean()[1]).isCloseTo(-1, within(4 * m.seMean()[1]));
        assertThat(m.sd()[0]).isCloseTo(Math.sqrt(1.44 * 1.44 + 1e-6), within(4 * m.seSd()[0]));
        assertThat(m.sd()[1]).isCloseTo(Math.sqrt(0.64 * 0.64 + 1e-6), within(4 * m.seSd()[1]));
        double covariance = 0;
        for (double[] point : points) {
            covariance += (point[0] - m.mean()[0]) * (point[1] - m.mean()[1]) / points.length;
        }
        // sample correlation has sd ≈ (1 − ρ²)/√N ≈ 0.0018 for N = 2e5 points (rows share no noise)
        assertThat(covariance / (m.sd()[0] * m.sd()[1])).isCloseTo(Math.tanh(0.7), within(0.01));
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 24);
    }
}
