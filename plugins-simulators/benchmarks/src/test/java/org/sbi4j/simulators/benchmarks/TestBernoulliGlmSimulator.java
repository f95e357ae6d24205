package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;

class TestBernoulliGlmSimulator {
    private final BernoulliGlmSimulator task = new BernoulliGlmSimulator(SbibmTestData.task("bernoulli_glm"));

    @Test
    void priorHasTheDocumentedMarginalStandardDeviations() {
        GaussianPrecisionPrior prior = (GaussianPrecisionPrior) task.prior();
        double[][] covariance = MatrixUtils.inverse(MatrixUtils.createRealMatrix(prior.precision())).getData();
        double[] documented = {1.414, 1.000, 1.677, 1.830, 1.552, 1.216, 1.100, 1.069, 0.981, 0.880};
        for (int j = 0; j < 10; j++) {
            assertThat(Math.sqrt(covariance[j][j])).as("prior sd of parameter_%d", j + 1)
                    .isCloseTo(documented[j], within(6e-4));
        }
        // draws have that covariance: sd of a sample sd from 200,000 normal draws ≈ sd/632, so 0.01 relative is ≫ 4 se
        Moments m = Moments.of(prior.sample(200_000, PosteriorCheck.rng(1)));
        for (int j = 0; j < 10; j++) {
            assertThat(m.sd()[j]).isCloseTo(Math.sqrt(covariance[j][j]), within(0.01 * documented[j]));
            assertThat(m.mean()[j]).isCloseTo(0, within(4 * m.seMean()[j]));
        }
        // exact log density: at θ = 0 it is ½ log det P − 5 log 2π
        double logDet = new org.apache.commons.math3.linear.CholeskyDecomposition(
                MatrixUtils.createRealMatrix(prior.precision())).getDeterminant();
        assertThat(prior.logDensity(new double[10])).isCloseTo(0.5 * Math.log(logDet) - 5 * Math.log(2 * Math.PI),
                within(1e-10));
    }

    @Test
    void summaryStatisticsOfTheRawSpikeTrainsAreTheObservations() {
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number = 1; number <= 10; number++) {
            double[] raw = CsvTable.read(SbibmTestData.task("bernoulli_glm")
                    .resolve(String.format("obs%02d", number)).resolve("observation_raw.csv")).rows()[0];
            assertThat(task.summaryStatistics(raw)).containsExactly(reference.observation(number), within(1e-4));
        }
    }

    @Test
    void likelihoodGradientMatchesFiniteDifferences() {
        double[] x = task.referenceData().orElseThrow().observation(2);
        double[] theta = task.referenceData().orElseThrow().trueParameters(2);
        double[] gradient = new double[10];
        double value = task.logLikelihoodGradient(theta, x, gradient);
        assertThat(value).isEqualTo(task.logLikelihood(theta, x));
        for (int j = 0; j < 10; j++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            double fd = (task.logLikelihood(plus, x) - task.logLikelihood(minus, x)) / 2e-6;
            assertThat(gradient[j]).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
        }
    }

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // prior draws are hopeless in 10 dimensions; proposal: 80% a Gaussian fitted to the reference samples
        // with sds widened 1.5×, 20% prior (effective sample size ≈ 11,600 of 100,000)
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 1.5, false), 1,
                100_000, 33, 5_000);
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 20_000, 26);
    }
}
