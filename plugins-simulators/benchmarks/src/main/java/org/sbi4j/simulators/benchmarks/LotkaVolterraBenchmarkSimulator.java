package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.LogNormalPrior;
import org.sbi4j.simulators.lotkavolterra.LotkaVolterraOdeSettings;
import org.sbi4j.simulators.lotkavolterra.LotkaVolterraOdeSimulator;

/**
 * sbibm's Lotka–Volterra task (TASKS.md §10): the predator–prey ODE of the {@code lotka-volterra} plugin in
 * its default (sbibm) configuration, observed with log-normal noise at t = 0, 2.1, ..., 18.9, with the data
 * named {@code data_1..data_20} (prey first), the task's log-normal prior and its reference data. Likelihood
 * and vector–Jacobian products are those of the wrapped simulator.
 */
public final class LotkaVolterraBenchmarkSimulator extends BenchmarkTask
        implements DifferentiableSimulator, Likelihood {
    private static final List<String> PARAMETERS = List.of("alpha", "beta", "gamma", "delta");
    private static final int DATA = 20;

    private final LotkaVolterraOdeSimulator model = new LotkaVolterraOdeSimulator(new LotkaVolterraOdeSettings());

    /** The task without reference data. */
    public LotkaVolterraBenchmarkSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../lotka_volterra}), or {@code null}
     */
    public LotkaVolterraBenchmarkSimulator(Path referenceFolder) {
        super(PARAMETERS, numberedNames("data", DATA),
                new LogNormalPrior(new double[] {-0.125, -3, -0.125, -3}, new double[] {0.5, 0.5, 0.5, 0.5},
                        PARAMETERS),
                referenceFolder);
        if (model.dataNames().size() != DATA || !model.parameterNames().equals(PARAMETERS)) {
            throw new IllegalStateException("the lotka-volterra plugin's default configuration no longer matches "
                    + "sbibm: " + model.parameterNames() + ", " + model.dataNames().size() + " data");
        }
    }

    /**
     * The noise-free ODE solution at the observation times (prey, then predators), before clamping.
     *
     * @param theta (α, β, γ, δ)
     * @return the 20 values, all NaN when the solve failed
     */
    public double[] solveOde(double[] theta) {
        return model.solveOde(theta);
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        return model.simulate(theta, rng);
    }

    @Override
    public int noiseDimension() {
        return model.noiseDimension();
    }

    @Override
    public SimulationResult simulate(double[][] theta, double[][] noise) {
        return model.simulate(theta, noise);
    }

    @Override
    public double[][] vectorJacobianProduct(double[][] theta, double[][] noise, double[][] cotangent) {
        return model.vectorJacobianProduct(theta, noise, cotangent);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        return model.logLikelihood(theta, x);
    }

    @Override
    public double[] logLikelihoods(double[][] theta, double[] x) {
        return model.logLikelihoods(theta, x);
    }

    @Override
    public boolean hasGradient() {
        return model.hasGradient();
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        return model.logLikelihoodGradient(theta, x, gradient);
    }
}
