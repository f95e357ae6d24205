package org.sbi4j.simulators.benchmarks;

import java.util.List;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;

/**
 * The nine tasks of the sbibm benchmark (Lueckmann et al., AISTATS 2021) as simulators with their default
 * priors, tractable likelihoods and closed-form posteriors where they exist, and the stored reference data.
 */
public final class BenchmarksPlugin implements Plugin {

    /** The factories of all tasks, in the order of the sbibm paper's tables. */
    public static final List<SimulatorFactory<?>> FACTORIES = List.of(
            new BenchmarkSimulatorFactory("two-moons", "two_moons",
                    "sbibm Two Moons: 2 parameters, 2 data, crescent-shaped bimodal posterior",
                    TwoMoonsSimulator::new),
            new BenchmarkSimulatorFactory("gaussian-linear", "gaussian_linear",
                    "sbibm Gaussian Linear: 10 parameters with a Gaussian prior, x = θ + Gaussian noise",
                    GaussianLinearSimulator::new),
            new BenchmarkSimulatorFactory("gaussian-linear-uniform", "gaussian_linear_uniform",
                    "sbibm Gaussian Linear Uniform: 10 parameters with a uniform prior, x = θ + Gaussian noise",
                    GaussianLinearUniformSimulator::new),
            new BenchmarkSimulatorFactory("gaussian-mixture", "gaussian_mixture",
                    "sbibm Gaussian Mixture: 2 parameters, x from a two-scale Gaussian mixture centred at θ",
                    GaussianMixtureSimulator::new),
            new BenchmarkSimulatorFactory("slcp", "slcp",
                    "sbibm SLCP: 5 parameters, 4 correlated Gaussian points, simple likelihood, complex posterior",
                    SlcpSimulator::new),
            new BenchmarkSimulatorFactory("slcp-distractors", "slcp_distractors",
                    "sbibm SLCP with 92 uninformative Student-t mixture distractors shuffled into 100 data",
                    SlcpDistractorsSimulator::new),
            new BenchmarkSimulatorFactory("bernoulli-glm", "bernoulli_glm",
                    "sbibm Bernoulli GLM: 10-parameter logistic neuron model, sufficient statistics as data",
                    BernoulliGlmSimulator::new),
            new BenchmarkSimulatorFactory("sir", "sir",
                    "sbibm SIR epidemic ODE with binomial observations of the infected at 10 times",
                    SirSimulator::new),
            new BenchmarkSimulatorFactory("lotka-volterra", "lotka_volterra",
                    "sbibm Lotka-Volterra predator-prey ODE with log-normal observations of both species",
                    LotkaVolterraBenchmarkSimulator::new));

    @Override
    public List<SimulatorFactory<?>> simulatorFactories() {
        return FACTORIES;
    }
}
