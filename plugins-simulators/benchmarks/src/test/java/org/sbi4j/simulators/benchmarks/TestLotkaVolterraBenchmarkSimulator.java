package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.prior.Gaussian;

class TestLotkaVolterraBenchmarkSimulator {
    private final LotkaVolterraBenchmarkSimulator task =
            new LotkaVolterraBenchmarkSimulator(SbibmTestData.task("lotka_volterra"));

    @Test
    void namesFollowTheReferenceFiles() {
        assertThat(task.parameterNames()).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(task.dataNames()).hasSize(20).startsWith("data_1").endsWith("data_20");
    }

    @Test
    void priorTimesLikelihoodReproducesTheReferencePosterior() {
        // a log-normal proposal fitted to the reference samples, sds widened 1.5×, plus 20% prior
        PosteriorCheck.assertImportanceMatchesReference(task, PosteriorCheck.fittedProposal(task, 1, 1.5, true), 1,
                20_000, 35, 5_000);
    }

    @Test
    void likelihoodIsTheLogNormalDensityAroundTheOdeSolution() {
        ReferenceData reference = task.referenceData().orElseThrow();
        double[] theta = reference.trueParameters(4);
        double[] x = reference.observation(4);
        assertThat(task.logLikelihood(theta, x)).isCloseTo(logNormalAtTruth(theta).applyAsDouble(x), within(1e-9));
    }

    /** x ↦ Σ log LogNormal(x_k; log clamp(u_k, 1e−10, 1e4), 0.1) with the ODE solved once. */
    private ToDoubleFunction<double[]> logNormalAtTruth(double[] theta) {
        double[] u = task.solveOde(theta);
        double[] mean = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            mean[k] = Math.log(Math.min(1e4, Math.max(1e-10, u[k])));
        }
        return x -> {
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                double log = Math.log(x[k]);
                sum += Gaussian.logDensity(log, mean[k], 0.1) - log;
            }
            return sum;
        };
    }

    @Test
    void storedObservationsAreTypicalDrawsAtTheirTrueParameters() {
        ObservationCheck.assertTypical(task, ObservationCheck.allObservations(), 5_000, 29, this::logNormalAtTruth);
    }
}
