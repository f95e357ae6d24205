package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.NoSettings;
import org.sbi4j.spi.PluginContext;

/** The contract kit checks itself on the conjugate Gaussian model and its exact posterior. */
class TestContracts {
    private static final ConjugateGaussian MODEL = ConjugateGaussian.standard();

    @Nested
    class ConjugateGaussianSimulator extends SimulatorContract {
        @Override
        protected Simulator createSimulator() {
            return MODEL;
        }
    }

    @Nested
    class ExactPosteriorContract extends PosteriorContract {
        @Override
        protected Posterior createPosterior() {
            return new ExactPosterior(MODEL);
        }

        @Override
        protected double[][] observations() {
            return new double[][] {{0.3, -0.4}, {2, 1}};
        }
    }

    @Nested
    class ExactEstimatorContract extends EstimatorContract<NoSettings> {
        @Override
        protected EstimatorFactory<NoSettings> factory() {
            return new ExactFactory();
        }

        @Override
        protected NoSettings settings() {
            return new NoSettings();
        }

        @Override
        protected double densityTolerance() {
            return 1e-9;
        }

        @Override
        protected double meanTolerance() {
            // Monte Carlo only: the standard error of a mean of 4,000 draws is 0.016 sd
            return 0.07;
        }

        @Override
        protected double covarianceTolerance() {
            // the standard error of a variance of 4,000 draws is √(2/4000) ≈ 0.022 variances
            return 0.1;
        }
    }

    @Test
    void fitContextSimulatesInSeededBatchesAndCountsInvalidRows() {
        double[][] theta = MODEL.defaultPrior().orElseThrow().sample(250, SeededRandom.of(1));
        theta[3][0] = Double.NaN;
        SeededFitContext context = SeededFitContext.of(5).withSimulator(MODEL);
        var first = context.simulate("round-1", theta);
        assertThat(first.size()).isEqualTo(250);
        assertThat(first.isValid(3)).isFalse();
        assertThat(context.invalidCount()).isEqualTo(1);
        SimulatorContract.assertSameResult(SeededFitContext.of(5).withSimulator(MODEL).withThreads(3)
                .simulate("round-1", theta), first);
        assertThat(context.simulate("round-2", theta).row(0)).isNotEqualTo(first.row(0));
        assertThat(MODEL.simulate(new double[][] {theta[0]}, SeededRandom.of(5, "round-1/0")).row(0))
                .containsExactly(first.row(0));
        assertThat(context.random("a").nextLong()).isEqualTo(SeededFitContext.of(5).random("a").nextLong())
                .isNotEqualTo(context.random("b").nextLong());
    }

    @Test
    void inMemoryModelKeepsFloat32AndRefusesRepeatedNames() throws IOException {
        InMemoryModel model = new InMemoryModel();
        model.putFloatArray("w", new float[] {1.1f, 2}, 2);
        model.putArray("d", new double[] {0.1}, 1, 1);
        model.putProperty("format", "x/1");
        assertThat(model.array("w")).containsExactly((double) 1.1f, 2.0);
        assertThat(model.floatArray("d")).containsExactly(0.1f);
        assertThat(model.shape("d")).containsExactly(1, 1);
        assertThat(model.propertyNames()).containsExactly("format");
        assertThat(model.arrayNames()).containsExactly("d", "w");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.putProperty("format", "y"))
                .hasMessageContaining("format");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.property("missing"))
                .isInstanceOf(IOException.class).hasMessageContaining("missing");
    }

    /** The exact posterior of the conjugate model, with its density and gradient. */
    static final class ExactPosterior implements Posterior {
        private final ConjugateGaussian model;

        ExactPosterior(ConjugateGaussian model) {
            this.model = model;
        }

        @Override
        public List<String> parameterNames() {
            return model.parameterNames();
        }

        @Override
        public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
            return model.samplePosterior(observation, n, rng);
        }

        @Override
        public boolean hasLogDensity() {
            return true;
        }

        @Override
        public boolean isLogDensityNormalized() {
            return true;
        }

        @Override
        public boolean hasLogDensityGradient() {
            return true;
        }

        @Override
        public double[] logDensity(double[][] theta, double[] observation) {
            double[] out = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                out[i] = model.posteriorLogDensity(theta[i], observation);
            }
            return out;
        }

        @Override
        public double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
            double[] mean = model.posteriorMean(observation);
            double variance = model.posteriorSd() * model.posteriorSd();
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < mean.length; j++) {
                    gradient[i][j] = -(theta[i][j] - mean[j]) / variance;
                }
            }
            return logDensity(theta, observation);
        }

        @Override
        public void save(ModelWriter out) {
            out.putProperty("noise", Double.toString(model.noise()));
        }
    }

    /** An "estimator" that returns the exact posterior, to check the estimator contract itself. */
    static final class ExactFactory implements EstimatorFactory<NoSettings> {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public String description() {
            return "the exact posterior of the conjugate Gaussian model";
        }

        @Override
        public Class<NoSettings> settingsType() {
            return NoSettings.class;
        }

        @Override
        public Estimator create(NoSettings settings, PluginContext context) {
            return new Estimator() {
                @Override
                public Set<Capability> requirements() {
                    return Set.of(Capability.SIMULATIONS);
                }

                @Override
                public Posterior fit(InferenceProblem problem, org.sbi4j.api.FitContext context) {
                    return new ExactPosterior((ConjugateGaussian) problem.simulator());
                }
            };
        }

        @Override
        public Posterior load(NoSettings settings, ModelReader reader, InferenceProblem problem) throws IOException {
            double noise = Double.parseDouble(reader.property("noise"));
            return new ExactPosterior(new ConjugateGaussian(problem.simulator().parameterNames(), noise));
        }
    }
}
