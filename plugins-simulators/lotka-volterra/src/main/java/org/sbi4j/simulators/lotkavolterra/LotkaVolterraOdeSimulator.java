package org.sbi4j.simulators.lotkavolterra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sbi4j.api.DifferentiableSimulator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.LogNormalPrior;

/**
 * The deterministic Lotka–Volterra predator–prey ODE observed with log-normal noise (the sbibm
 * {@code lotka_volterra} task with default settings).
 *
 * <p>Model: dX/dt = αX − βXY (prey), dY/dt = −γY + δXY (predators), θ = (α, β, γ, δ). The ODE is solved by an
 * adaptive Dormand–Prince 5(4) method with dense output; at each observation time t_k the solution u is
 * clamped to [clamp-min, clamp-max] and observed as x = clamp(u)·exp(σ·z), z ~ N(0, 1) independently (or
 * log x with {@code log-output}). Data order: prey at all observation times, then predators.
 *
 * <p>Capabilities: {@link Likelihood} (product of log-normals given the ODE solution, with an exact gradient)
 * and {@link DifferentiableSimulator} (noise z = standard normals, one per data component; vector–Jacobian
 * products from forward sensitivities integrated with the state, accurate to the solver tolerance).
 * A failed or non-finite solve gives an invalid row (NaN data, NaN gradient row, log likelihood −∞ with a
 * zero gradient). Immutable and thread-safe.
 */
public final class LotkaVolterraOdeSimulator implements DifferentiableSimulator, Likelihood {

    /** Parameter names, in order. */
    public static final List<String> PARAMETER_NAMES = List.of("alpha", "beta", "gamma", "delta");

    private static final double[] PRIOR_MU = {-0.125, -3.0, -0.125, -3.0};
    private static final double[] PRIOR_SIGMA = {0.5, 0.5, 0.5, 0.5};
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double prey0;
    private final double predators0;
    private final double tMax;
    private final double[] times;
    private final int count;
    private final double sigma;
    private final double logSigma;
    private final double clampMin;
    private final double clampMax;
    private final boolean logOutput;
    private final double rtol;
    private final double atol;
    private final int maxSteps;
    private final List<String> dataNames;
    private final Prior prior;

    /** The sbibm configuration (default settings). */
    public LotkaVolterraOdeSimulator() {
        this(new LotkaVolterraOdeSettings());
    }

    /**
     * @param settings the configuration; validated here
     */
    public LotkaVolterraOdeSimulator(LotkaVolterraOdeSettings settings) {
        settings.validate();
        this.prey0 = settings.initialPrey;
        this.predators0 = settings.initialPredators;
        this.tMax = settings.tMax;
        this.times = settings.observationGrid();
        this.count = times.length;
        this.sigma = settings.noiseSigma;
        this.logSigma = Math.log(sigma);
        this.clampMin = settings.clampMin;
        this.clampMax = settings.clampMax;
        this.logOutput = settings.logOutput;
        this.rtol = settings.relativeTolerance;
        this.atol = settings.absoluteTolerance;
        this.maxSteps = settings.maxSteps;
        List<String> names = new ArrayList<>(2 * count);
        for (int k = 1; k <= count; k++) {
            names.add("prey_" + k);
        }
        for (int k = 1; k <= count; k++) {
            names.add("predator_" + k);
        }
        this.dataNames = List.copyOf(names);
        this.prior = new LogNormalPrior(PRIOR_MU, PRIOR_SIGMA, PARAMETER_NAMES);
    }

    @Override
    public List<String> parameterNames() {
        return PARAMETER_NAMES;
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    /** LogNormal(μ = (−0.125, −3, −0.125, −3), σ = 0.5), independent per parameter (sbibm). */
    @Override
    public Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    /** The observation times, in order (a copy). */
    public double[] observationTimes() {
        return times.clone();
    }

    /**
     * The noise-free ODE solution at the observation times, in data order (prey, then predators), before
     * clamping.
     *
     * @param theta (α, β, γ, δ)
     * @return a fresh array, all NaN when the solve failed
     */
    public double[] solveOde(double[] theta) {
        checkTheta(theta);
        LotkaVolterraOdeSolver solver = newSolver(false);
        double[] out = new double[2 * count];
        if (!solver.solve(theta)) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] sol = solver.solution();
        for (int k = 0; k < count; k++) {
            out[k] = sol[2 * k];
            out[count + k] = sol[2 * k + 1];
        }
        return out;
    }

    @Override
    public int noiseDimension() {
        return 2 * count;
    }

    @Override
    public SimulationResult simulate(double[][] theta, double[][] noise) {
        checkBatch(theta, noise, "noise");
        int n = theta.length;
        double[][] data = new double[n][];
        boolean[] valid = new boolean[n];
        LotkaVolterraOdeSolver solver = newSolver(false);
        for (int i = 0; i < n; i++) {
            double[] row = new double[2 * count];
            data[i] = row;
            if (!solver.solve(theta[i])) {
                Arrays.fill(row, Double.NaN);
                continue;
            }
            double[] sol = solver.solution();
            double[] z = noise[i];
            for (int k = 0; k < count; k++) {
                row[k] = observe(sol[2 * k], z[k]);
                row[count + k] = observe(sol[2 * k + 1], z[count + k]);
            }
            valid[i] = true;
        }
        return SimulationResult.of(data, valid);
    }

    @Override
    public double[][] vectorJacobianProduct(double[][] theta, double[][] noise, double[][] cotangent) {
        checkBatch(theta, noise, "noise");
        checkBatch(theta, cotangent, "cotangent");
        int n = theta.length;
        double[][] out = new double[n][4];
        LotkaVolterraOdeSolver solver = newSolver(true);
        for (int i = 0; i < n; i++) {
            double[] grad = out[i];
            if (!solver.solve(theta[i])) {
                Arrays.fill(grad, Double.NaN);
                continue;
            }
            double[] sol = solver.solution();
            double[] z = noise[i];
            double[] c = cotangent[i];
            for (int k = 0; k < count; k++) {
                int base = 10 * k;
                double wx = c[k] * observationDerivative(sol[base], z[k]);
                double wy = c[count + k] * observationDerivative(sol[base + 1], z[count + k]);
                for (int j = 0; j < 4; j++) {
                    grad[j] += wx * sol[base + 2 + j] + wy * sol[base + 6 + j];
                }
            }
        }
        return out;
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkTheta(theta);
        checkData(x);
        LotkaVolterraOdeSolver solver = newSolver(false);
        return solver.solve(theta) ? logDensity(solver.solution(), 2, x) : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double[] logLikelihoods(double[][] theta, double[] x) {
        checkData(x);
        LotkaVolterraOdeSolver solver = newSolver(false);
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            checkTheta(theta[i]);
            out[i] = solver.solve(theta[i]) ? logDensity(solver.solution(), 2, x) : Double.NEGATIVE_INFINITY;
        }
        return out;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public double logLikelihoodGradient(double[] theta, double[] x, double[] gradient) {
        checkTheta(theta);
        checkData(x);
        if (gradient.length != 4) {
            throw new IllegalArgumentException("gradient has length " + gradient.length + ", expected 4");
        }
        Arrays.fill(gradient, 0.0);
        LotkaVolterraOdeSolver solver = newSolver(true);
        if (!solver.solve(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] sol = solver.solution();
        double value = logDensity(sol, 10, x);
        if (value == Double.NEGATIVE_INFINITY || Double.isNaN(value)) {
            return value;
        }
        double invVar = 1.0 / (sigma * sigma);
        for (int k = 0; k < count; k++) {
            int base = 10 * k;
            // d log p / du = (log-scale residual / σ²) · d log clamp(u) / du
            double wx = residual(sol[base], x[k]) * invVar * logClampDerivative(sol[base]);
            double wy = residual(sol[base + 1], x[count + k]) * invVar * logClampDerivative(sol[base + 1]);
            for (int j = 0; j < 4; j++) {
                gradient[j] += wx * sol[base + 2 + j] + wy * sol[base + 6 + j];
            }
        }
        return value;
    }

    private LotkaVolterraOdeSolver newSolver(boolean sensitivities) {
        return new LotkaVolterraOdeSolver(prey0, predators0, times, tMax, rtol, atol, maxSteps, sensitivities);
    }

    private double clamp(double u) {
        return Math.min(Math.max(u, clampMin), clampMax);
    }

    private double observe(double u, double z) {
        double c = clamp(u);
        return logOutput ? Math.log(c) + sigma * z : c * Math.exp(sigma * z);
    }

    /** d observation / du at fixed noise. */
    private double observationDerivative(double u, double z) {
        if (!(u > clampMin && u < clampMax)) {
            return 0.0;
        }
        return logOutput ? 1.0 / u : Math.exp(sigma * z);
    }

    /** d log clamp(u) / du. */
    private double logClampDerivative(double u) {
        return (u > clampMin && u < clampMax) ? 1.0 / u : 0.0;
    }

    /** (log-scale observation − log clamp(u)), the residual whose square the likelihood penalises. */
    private double residual(double u, double observed) {
        double logObserved = logOutput ? observed : Math.log(observed);
        return logObserved - Math.log(clamp(u));
    }

    /** Log density of x given a solution laid out with {@code stride} components per time. */
    private double logDensity(double[] sol, int stride, double[] x) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += logDensityOne(sol[stride * k], x[k]);
            sum += logDensityOne(sol[stride * k + 1], x[count + k]);
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    private double logDensityOne(double u, double observed) {
        if (!logOutput && !(observed > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double r = residual(u, observed) / sigma;
        double value = -0.5 * r * r - logSigma - LOG_SQRT_2PI;
        return logOutput ? value : value - Math.log(observed);
    }

    private void checkTheta(double[] theta) {
        if (theta.length != 4) {
            throw new IllegalArgumentException("θ has " + theta.length + " components; Lotka–Volterra has 4 "
                    + PARAMETER_NAMES);
        }
    }

    private void checkData(double[] x) {
        if (x.length != 2 * count) {
            throw new IllegalArgumentException("x has " + x.length + " components, expected " + 2 * count);
        }
    }

    private void checkBatch(double[][] theta, double[][] other, String what) {
        if (other.length != theta.length) {
            throw new IllegalArgumentException(what + " has " + other.length + " rows but θ has " + theta.length);
        }
        for (int i = 0; i < theta.length; i++) {
            checkTheta(theta[i]);
            if (other[i].length != 2 * count) {
                throw new IllegalArgumentException(what + " row " + i + " has " + other[i].length
                        + " components, expected " + 2 * count);
            }
        }
    }

    @Override
    public String toString() {
        return "LotkaVolterraOdeSimulator(times=" + Arrays.toString(times) + ", sigma=" + sigma + ", log-output="
                + logOutput + ")";
    }
}
