package org.sbi4j.runtime.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.api.UnnormalizedPosterior;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.NormalPrior;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;
import org.sbi4j.spi.SimulatorFactory;

/**
 * A plugin for the runtime's own tests: a linear-Gaussian simulator that can be told to fail on a share of
 * its runs, a linear-regression estimator (a real, if simple, amortized posterior with a saved state), and a
 * {@code linear-ratio} estimator whose posterior is the prior times the simulator's exact likelihood-to-evidence
 * ratio raised to a power (1 = exact, above 1 = an over-confident ratio classifier), drawn by a sampler.
 */
public final class TestingPlugin implements Plugin {

    @Override
    public List<SimulatorFactory<?>> simulatorFactories() {
        return List.of(new LinearGaussianFactory());
    }

    @Override
    public List<EstimatorFactory<?>> estimatorFactories() {
        return List.of(new RegressionFactory(), new RatioFactory(), new NeighboursFactory());
    }

    /** Settings of {@code linear-gaussian}. */
    public static final class SimSettings implements Settings {
        @Setting("number of parameters (and data components)")
        public int dimension = 2;
        @Setting("noise standard deviation")
        public double noise = 0.5;
        @Setting("share of runs that return NaN, in [0, 1)")
        public double nanFraction = 0;
        @Setting("x = θ³ + noise·ε instead of θ + noise·ε: a posterior that a linear regression fits well only locally")
        public boolean cubic = false;

        @Override
        public void validate() {
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension = " + dimension + " must be at least 1");
            }
        }
    }

    /** θ ~ N(0, I), x = θ + noise·ε. */
    static final class LinearGaussian implements Simulator, Likelihood {
        private final SimSettings s;

        LinearGaussian(SimSettings s) {
            this.s = s;
        }

        @Override
        public List<String> parameterNames() {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= s.dimension; i++) {
                names.add("mu_" + i);
            }
            return names;
        }

        @Override
        public List<String> dataNames() {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= s.dimension; i++) {
                names.add("x_" + i);
            }
            return names;
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][s.dimension];
            for (int i = 0; i < theta.length; i++) {
                boolean fail = rng.nextDouble() < s.nanFraction;
                for (int j = 0; j < s.dimension; j++) {
                    x[i][j] = fail ? Double.NaN : mean(theta[i][j]) + s.noise * Gaussian.next(rng);
                }
            }
            return SimulationResult.of(x);
        }

        @Override
        public java.util.Optional<Prior> defaultPrior() {
            double[] mean = new double[s.dimension];
            double[] sd = new double[s.dimension];
            java.util.Arrays.fill(sd, 1);
            return java.util.Optional.of(new NormalPrior(mean, sd, parameterNames()));
        }

        @Override
        public double logLikelihood(double[] theta, double[] x) {
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                sum += Gaussian.logDensity(x[j], mean(theta[j]), s.noise);
            }
            return sum;
        }

        private double mean(double theta) {
            return s.cubic ? theta * theta * theta : theta;
        }
    }

    static final class LinearGaussianFactory implements SimulatorFactory<SimSettings> {
        @Override
        public String name() {
            return "linear-gaussian";
        }

        @Override
        public String description() {
            return "x = θ + noise, θ ~ N(0, I) (runtime tests)";
        }

        @Override
        public Class<SimSettings> settingsType() {
            return SimSettings.class;
        }

        @Override
        public Simulator create(SimSettings settings, PluginContext context) {
            return new LinearGaussian(settings);
        }
    }

    /** Settings of {@code linear-regression}. */
    public static final class RegressionSettings implements Settings {
        @Setting("ridge penalty of the least-squares fit")
        public double ridge = 1e-9;
        @Setting("whether the estimator also needs the likelihood (to test capability checks)")
        public boolean needsLikelihood = false;
        @Setting("simulations the estimator states it needs (to test the runtime's minimum)")
        public int minimumSimulations = 1;
        @Setting("run out of memory when fitting (to test how an OutOfMemoryError is reported)")
        public boolean outOfMemory = false;
    }

    /** θ_j | x ~ N(a_j + b_j x_j, s_j²), fitted by least squares per component. */
    static final class Regression implements Estimator {
        private final RegressionSettings s;

        Regression(RegressionSettings s) {
            this.s = s;
        }

        @Override
        public Set<Capability> requirements() {
            return s.needsLikelihood ? EnumSet.of(Capability.SIMULATIONS, Capability.LIKELIHOOD)
                    : EnumSet.of(Capability.SIMULATIONS);
        }

        @Override
        public int minimumSimulations() {
            return s.minimumSimulations;
        }

        @Override
        public Posterior fit(InferenceProblem problem, FitContext context) {
            if (s.outOfMemory) {
                throw new OutOfMemoryError("Java heap space");
            }
            Simulations sims = problem.requireSimulations();
            int d = problem.prior().dimension();
            double[] a = new double[d];
            double[] b = new double[d];
            double[] sd = new double[d];
            for (int j = 0; j < d; j++) {
                double mx = 0;
                double mt = 0;
                int n = sims.size();
                for (int i = 0; i < n; i++) {
                    mx += sims.data()[i][j];
                    mt += sims.theta()[i][j];
                }
                mx /= n;
                mt /= n;
                double sxx = 0;
                double sxt = 0;
                for (int i = 0; i < n; i++) {
                    double dx = sims.data()[i][j] - mx;
                    sxx += dx * dx;
                    sxt += dx * (sims.theta()[i][j] - mt);
                }
                b[j] = sxt / (sxx + s.ridge);
                a[j] = mt - b[j] * mx;
                double rss = 0;
                for (int i = 0; i < n; i++) {
                    double r = sims.theta()[i][j] - a[j] - b[j] * sims.data()[i][j];
                    rss += r * r;
                }
                sd[j] = Math.sqrt(rss / n);
            }
            return new RegressionPosterior(problem.prior().parameterNames(), a, b, sd, sims.size());
        }
    }

    static final class RegressionPosterior implements Posterior {
        private final List<String> names;
        private final double[] a;
        private final double[] b;
        private final double[] sd;
        private final int trainedOn;

        RegressionPosterior(List<String> names, double[] a, double[] b, double[] sd, int trainedOn) {
            this.names = List.copyOf(names);
            this.a = a;
            this.b = b;
            this.sd = sd;
            this.trainedOn = trainedOn;
        }

        @Override
        public List<String> parameterNames() {
            return names;
        }

        @Override
        public double[][] sample(double[] x, int n, UniformRandomProvider rng) {
            double[][] out = new double[n][a.length];
            for (double[] row : out) {
                for (int j = 0; j < a.length; j++) {
                    row[j] = a[j] + b[j] * x[j] + sd[j] * Gaussian.next(rng);
                }
            }
            return out;
        }

        @Override
        public boolean hasLogDensity() {
            return true;
        }

        @Override
        public double[] logDensity(double[][] theta, double[] x) {
            double[] out = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    out[i] += Gaussian.logDensity(theta[i][j], a[j] + b[j] * x[j], sd[j]);
                }
            }
            return out;
        }

        @Override
        public TrainingSummary trainingSummary() {
            return TrainingSummary.of(Map.of("trained-on", (double) trainedOn));
        }

        @Override
        public void save(ModelWriter out) throws IOException {
            out.putArray("intercept", a, a.length);
            out.putArray("slope", b, b.length);
            out.putArray("sd", sd, sd.length);
            out.putProperty("trained-on", Integer.toString(trainedOn));
        }
    }

    static final class RegressionFactory implements EstimatorFactory<RegressionSettings> {
        @Override
        public String name() {
            return "linear-regression";
        }

        @Override
        public String description() {
            return "per-component linear-Gaussian regression of θ on x (runtime tests)";
        }

        @Override
        public Class<RegressionSettings> settingsType() {
            return RegressionSettings.class;
        }

        @Override
        public Estimator create(RegressionSettings settings, PluginContext context) {
            return new Regression(settings);
        }

        @Override
        public Posterior load(RegressionSettings settings, ModelReader reader, InferenceProblem problem)
                throws IOException {
            return new RegressionPosterior(problem.prior().parameterNames(), reader.array("intercept"),
                    reader.array("slope"), reader.array("sd"), Integer.parseInt(reader.property("trained-on")));
        }
    }

    /** Settings of {@code linear-ratio}. */
    public static final class RatioSettings implements Settings {
        @Setting("power of the exact ratio: 1 is exact, above 1 an over-confident classifier")
        public double sharpness = 1;
    }

    /** The exact log ratio of {@code linear-gaussian}, times the sharpness; needs simulations only to say so. */
    static final class RatioFactory implements EstimatorFactory<RatioSettings> {
        @Override
        public String name() {
            return "linear-ratio";
        }

        @Override
        public String description() {
            return "prior × (exact ratio of linear-gaussian)^sharpness, drawn by a sampler (runtime tests)";
        }

        @Override
        public Class<RatioSettings> settingsType() {
            return RatioSettings.class;
        }

        @Override
        public Estimator create(RatioSettings settings, PluginContext context) {
            return new Estimator() {
                @Override
                public Set<Capability> requirements() {
                    return EnumSet.of(Capability.SIMULATIONS);
                }

                @Override
                public boolean posteriorsNeedSampler() {
                    return true;
                }

                @Override
                public Posterior fit(InferenceProblem problem, FitContext context) {
                    return new RatioPosterior(problem, settings.sharpness);
                }
            };
        }

        @Override
        public Posterior load(RatioSettings settings, ModelReader reader, InferenceProblem problem) {
            return new RatioPosterior(problem, settings.sharpness);
        }
    }

    /** log p(θ) + k [log p(x | θ) − log p(x)] with x = θ + σ ε, θ ~ N(0, I), so p(x) = N(0, (1 + σ²) I). */
    static final class RatioPosterior extends UnnormalizedPosterior {
        private final double noise;
        private final double sharpness;

        RatioPosterior(InferenceProblem problem, double sharpness) {
            super(problem.prior());
            this.noise = ((LinearGaussian) problem.simulator()).s.noise;
            this.sharpness = sharpness;
        }

        @Override
        public double[] logDensity(double[][] theta, double[] x) {
            return logDensityGradient(theta, x, new double[theta.length][x.length]);
        }

        @Override
        public double[] logDensityGradient(double[][] theta, double[] x, double[][] gradient) {
            double[] out = new double[theta.length];
            double evidenceSd = Math.sqrt(1 + noise * noise);
            for (int i = 0; i < theta.length; i++) {
                out[i] = prior().logDensityGradient(theta[i], gradient[i]);
                for (int j = 0; j < x.length; j++) {
                    out[i] += sharpness * (Gaussian.logDensity(x[j], theta[i][j], noise)
                            - Gaussian.logDensity(x[j], 0, evidenceSd));
                    gradient[i][j] += sharpness * (x[j] - theta[i][j]) / (noise * noise);
                }
            }
            return out;
        }

        @Override
        public void save(ModelWriter out) {
            out.putProperty("sharpness", Double.toString(sharpness));
        }
    }

    /** Settings of {@code nearest-neighbours}. */
    public static final class NeighboursSettings implements Settings {
        @Setting("simulations nearest to x whose θ make the posterior")
        public int k = 100;
    }

    /**
     * q(θ | x): a Gaussian per component fitted to the θ of the k simulations whose x lie nearest to x (Euclidean), so
     * its accuracy grows with the density of simulations near x (runtime tests of sequential rounds).
     */
    static final class NeighboursFactory implements EstimatorFactory<NeighboursSettings> {
        @Override
        public String name() {
            return "nearest-neighbours";
        }

        @Override
        public String description() {
            return "Gaussian fitted to the θ of the k simulations nearest to x (runtime tests)";
        }

        @Override
        public Class<NeighboursSettings> settingsType() {
            return NeighboursSettings.class;
        }

        @Override
        public Estimator create(NeighboursSettings settings, PluginContext context) {
            return new Estimator() {
                @Override
                public Set<Capability> requirements() {
                    return EnumSet.of(Capability.SIMULATIONS);
                }

                @Override
                public int minimumSimulations() {
                    return settings.k;
                }

                @Override
                public Posterior fit(InferenceProblem problem, FitContext context) {
                    Simulations sims = problem.requireSimulations();
                    return new NeighboursPosterior(problem.prior().parameterNames(), sims.theta(), sims.data(),
                            settings.k);
                }
            };
        }

        @Override
        public Posterior load(NeighboursSettings settings, ModelReader reader, InferenceProblem problem) {
            throw new UnsupportedOperationException("nearest-neighbours models are not saved");
        }
    }

    static final class NeighboursPosterior implements Posterior {
        private final List<String> names;
        private final double[][] theta;
        private final double[][] data;
        private final int k;

        NeighboursPosterior(List<String> names, double[][] theta, double[][] data, int k) {
            this.names = List.copyOf(names);
            this.theta = theta;
            this.data = data;
            this.k = k;
        }

        /** Mean and sd per component of the k nearest θ: {mean, sd}. */
        private double[][] fit(double[] x) {
            Integer[] order = new Integer[data.length];
            double[] distance = new double[data.length];
            for (int i = 0; i < data.length; i++) {
                order[i] = i;
                for (int j = 0; j < x.length; j++) {
                    distance[i] += (data[i][j] - x[j]) * (data[i][j] - x[j]);
                }
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
            int d = names.size();
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (int n = 0; n < k; n++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += theta[order[n]][j] / k;
                }
            }
            for (int n = 0; n < k; n++) {
                for (int j = 0; j < d; j++) {
                    double r = theta[order[n]][j] - mean[j];
                    sd[j] += r * r / (k - 1);
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = Math.sqrt(sd[j]);
            }
            return new double[][] {mean, sd};
        }

        @Override
        public List<String> parameterNames() {
            return names;
        }

        @Override
        public double[][] sample(double[] x, int n, UniformRandomProvider rng) {
            double[][] fit = fit(x);
            double[][] out = new double[n][fit[0].length];
            for (double[] row : out) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = fit[0][j] + fit[1][j] * Gaussian.next(rng);
                }
            }
            return out;
        }

        @Override
        public boolean hasLogDensity() {
            return true;
        }

        @Override
        public double[] logDensity(double[][] at, double[] x) {
            double[][] fit = fit(x);
            double[] out = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                for (int j = 0; j < fit[0].length; j++) {
                    out[i] += Gaussian.logDensity(at[i][j], fit[0][j], fit[1][j]);
                }
            }
            return out;
        }

        @Override
        public void save(ModelWriter out) {
            throw new UnsupportedOperationException("nearest-neighbours models are not saved");
        }
    }
}
