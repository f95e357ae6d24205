package org.sbi4j.estimators.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.samplers.mcmc.McmcPlugin;
import org.sbi4j.simulators.benchmarks.GaussianLinearSimulator;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.testing.FiniteDifferences;
import org.sbi4j.testing.SamplerBackedPosterior;
import org.sbi4j.testing.SamplerFixtures;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

class TestLikelihoodPosterior {

    private static Posterior fit(Simulator simulator) {
        Estimator estimator = new LikelihoodEstimatorFactory().create(new NoSettings(), () -> java.nio.file.Path.of(""));
        Prior prior = simulator.defaultPrior().orElseThrow();
        return estimator.fit(new InferenceProblem(prior, simulator, null), SeededFitContext.of(1));
    }

    /**
     * sbibm's gaussian_linear (θ ~ N(0, 0.1·I₁₀), x ~ N(θ, 0.1·I₁₀)) has the posterior N(x₀ / 2, 0.05·I₁₀). 4,000
     * NUTS draws (4 chains) estimate each mean to about 0.02 posterior sd; the bounds are 0.1 sd and 10% of the
     * variance, which a wrong prior or likelihood term (posterior N(x₀, 0.1) or N(0, 0.1)) misses by far.
     */
    @Test
    void nutsOnGaussianLinearMatchesTheClosedForm() {
        GaussianLinearSimulator simulator = new GaussianLinearSimulator();
        Prior prior = simulator.defaultPrior().orElseThrow();
        UniformRandomProvider rng = SeededRandom.of(11);
        double[][] theta = prior.sample(1, rng);
        SimulationResult x = simulator.simulate(theta, rng);
        double[] x0 = x.data()[0];
        Posterior posterior = fit(simulator);
        assertThat(posterior.needsSampler()).isTrue();
        assertThat(posterior.isLogDensityNormalized()).isFalse();
        assertThat(posterior.hasLogDensityGradient()).isTrue();
        Posterior drawn = SamplerBackedPosterior.of(posterior, prior,
                SamplerFixtures.create(new McmcPlugin().samplerFactories(), "nuts", 4, 500));
        double[][] draws = drawn.sample(x0, 4000, SeededRandom.of(12));
        double sd = Math.sqrt(0.05);
        for (int j = 0; j < x0.length; j++) {
            double mean = 0;
            for (double[] d : draws) {
                mean += d[j] / draws.length;
            }
            double variance = 0;
            for (double[] d : draws) {
                variance += (d[j] - mean) * (d[j] - mean) / (draws.length - 1);
            }
            assertThat(Math.abs(mean - x0[j] / 2) / sd).as("mean error of θ%d in posterior sds", j).isLessThan(0.1);
            assertThat(variance / 0.05).as("variance of θ%d over the exact 0.05", j).isBetween(0.9, 1.1);
        }
    }

    @Test
    void logDensityIsPriorPlusLikelihoodWithAMatchingGradient() {
        GaussianLinearSimulator simulator = new GaussianLinearSimulator();
        Prior prior = simulator.defaultPrior().orElseThrow();
        Posterior posterior = fit(simulator);
        double[] x0 = simulator.simulate(prior.sample(1, SeededRandom.of(3)), SeededRandom.of(4)).data()[0];
        double[][] theta = prior.sample(5, SeededRandom.of(5));
        double[] logDensity = posterior.logDensity(theta, x0);
        for (int i = 0; i < theta.length; i++) {
            assertThat(logDensity[i]).isCloseTo(prior.logDensity(theta[i]) + simulator.logLikelihood(theta[i], x0),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        double[][] gradient = new double[theta.length][theta[0].length];
        posterior.logDensityGradient(theta, x0, gradient);
        for (int i = 0; i < theta.length; i++) {
            FiniteDifferences.assertGradient("log prior + log likelihood",
                    t -> posterior.logDensity(new double[][] {t}, x0)[0], theta[i], gradient[i], 1e-5);
        }
    }

    @Test
    void aSimulatorWithoutLikelihoodIsRefusedWithTheFix() {
        Simulator noLikelihood = new Simulator() {
            @Override
            public List<String> parameterNames() {
                return List.of("a");
            }

            @Override
            public List<String> dataNames() {
                return List.of("x");
            }

            @Override
            public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
                throw new AssertionError("not simulated");
            }
        };
        Estimator estimator = new LikelihoodEstimatorFactory().create(new NoSettings(), () -> java.nio.file.Path.of(""));
        assertThat(estimator.requirements()).containsExactly(Capability.LIKELIHOOD);
        Prior prior = new org.sbi4j.api.prior.NormalPrior(new double[] {0}, new double[] {1}, List.of("a"));
        assertThatThrownBy(() -> estimator.fit(new InferenceProblem(prior, noLikelihood, null), SeededFitContext.of(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("tractable likelihood")
                .hasMessageContaining("npe, nre");
        assertThatThrownBy(() -> fit(new GaussianLinearSimulator()).sample(new double[10], 1, SeededRandom.of(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("sampler");
    }
}
