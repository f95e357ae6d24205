package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.LogNormalPrior;
import org.sbi4j.simulators.lotkavolterra.DormandPrince54;
import org.sbi4j.simulators.lotkavolterra.OdeSystem;

/**
 * sbibm's SIR epidemic task (TASKS.md §9): θ = (β, γ) with log-normal priors; the SIR ODE for a population
 * of 10⁶ (S₀ = 999,999, I₀ = 1) is solved with the shared {@link DormandPrince54} integrator (relative and
 * absolute tolerance 10⁻⁸, steps ending exactly on the observation times), and the data are
 * x_k ~ Binomial(1000, I(t_k)/N) at t_k = 0, 17, ..., 153 days. A failed solve gives an invalid row. The
 * likelihood is the product of the binomials given the ODE solution.
 */
public final class SirSimulator extends BenchmarkTask implements Likelihood {
    private static final double POPULATION = 1_000_000;
    private static final int TRIALS = 1000;
    private static final int OBSERVATIONS = 10;
    private static final double INTERVAL = 17;
    private static final double TOLERANCE = 1e-8;
    private static final int MAX_STEPS = 100_000;
    private static final double[] TIMES = new double[OBSERVATIONS];
    private static final double[] LOG_CHOOSE = new double[TRIALS + 1];

    static {
        for (int k = 0; k < OBSERVATIONS; k++) {
            TIMES[k] = INTERVAL * k;
        }
        for (int k = 0; k <= TRIALS; k++) {
            LOG_CHOOSE[k] = BinomialSampler.logChoose(TRIALS, k);
        }
    }

    /** The task without reference data. */
    public SirSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../sir}), or {@code null}
     */
    public SirSimulator(Path referenceFolder) {
        super(List.of("beta", "gamma"), numberedNames("data", OBSERVATIONS),
                new LogNormalPrior(new double[] {Math.log(0.4), Math.log(0.125)}, new double[] {0.5, 0.2},
                        List.of("beta", "gamma")),
                referenceFolder);
    }

    /** The ODE solver and its work arrays, one per call (the simulator itself holds no mutable state). */
    private static final class Solver implements OdeSystem {
        private final DormandPrince54 integrator = new DormandPrince54(this, TOLERANCE, TOLERANCE, MAX_STEPS, 2,
                DormandPrince54.OutputMode.STEP_TO_OUTPUT_TIMES);
        private final double[] initial = {POPULATION - 1, 1};
        /** (S, I) at observation time k in entries 2k and 2k + 1. */
        private final double[] states = new double[2 * OBSERVATIONS];
        private double beta;
        private double gamma;

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public void derivatives(double t, double[] y, double[] dydt) {
            double infection = beta * y[0] * y[1] / POPULATION;
            dydt[0] = -infection;
            dydt[1] = infection - gamma * y[1];
        }

        /** Fills {@code probability} with I(t_k)/N clamped to [0, 1]; false when the solve failed. */
        boolean infectedFractions(double[] theta, double[] probability) {
            beta = theta[0];
            gamma = theta[1];
            if (!(beta > 0 && gamma > 0 && Double.isFinite(beta) && Double.isFinite(gamma))
                    || integrator.integrate(0, initial, TIMES[OBSERVATIONS - 1], TIMES, states)
                            != DormandPrince54.SUCCESS) {
                return false;
            }
            for (int k = 0; k < OBSERVATIONS; k++) {
                double infected = states[2 * k + 1];
                if (!Double.isFinite(infected)) {
                    return false;
                }
                // sbibm stores the ODE solution as float32
                double fraction = (float) infected / POPULATION;
                probability[k] = Math.min(1, Math.max(0, fraction));
            }
            return true;
        }
    }

    /**
     * The binomial success probabilities clamp(I(t_k)/N, 0, 1) at the 10 observation times.
     *
     * @param theta (β, γ)
     * @return 10 probabilities, all NaN when the ODE solve failed
     */
    public double[] infectionProbabilities(double[] theta) {
        checkParameters(theta);
        double[] probability = new double[OBSERVATIONS];
        if (!new Solver().infectedFractions(theta, probability)) {
            java.util.Arrays.fill(probability, Double.NaN);
        }
        return probability;
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        Solver solver = new Solver();
        double[] probability = new double[OBSERVATIONS];
        double[][] x = new double[theta.length][OBSERVATIONS];
        boolean[] valid = new boolean[theta.length];
        for (int i = 0; i < theta.length; i++) {
            checkParameters(theta[i]);
            if (!solver.infectedFractions(theta[i], probability)) {
                java.util.Arrays.fill(x[i], Double.NaN);
                continue;
            }
            valid[i] = true;
            for (int k = 0; k < OBSERVATIONS; k++) {
                x[i][k] = BinomialSampler.sample(TRIALS, probability[k], rng);
            }
        }
        return SimulationResult.of(x, valid);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        return logLikelihoods(new double[][] {theta}, x)[0];
    }

    @Override
    public double[] logLikelihoods(double[][] theta, double[] x) {
        checkData(x);
        double[] out = new double[theta.length];
        for (double v : x) {
            if (!(v >= 0 && v <= TRIALS && v == Math.rint(v))) {
                java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
                return out;
            }
        }
        Solver solver = new Solver();
        double[] probability = new double[OBSERVATIONS];
        for (int i = 0; i < theta.length; i++) {
            checkParameters(theta[i]);
            out[i] = solver.infectedFractions(theta[i], probability)
                    ? binomialLogLikelihood(probability, x) : Double.NEGATIVE_INFINITY;
        }
        return out;
    }

    /**
     * Σ_k log Binomial(x_k; 1000, p_k), for integer counts x_k in [0, 1000].
     *
     * @param probability the 10 probabilities of {@link #infectionProbabilities}
     * @param x the 10 counts
     * @return the log likelihood
     */
    static double binomialLogLikelihood(double[] probability, double[] x) {
        double sum = 0;
        for (int k = 0; k < OBSERVATIONS; k++) {
            int successes = (int) x[k];
            double p = probability[k];
            sum += LOG_CHOOSE[successes];
            if (successes > 0) {
                sum += successes * Math.log(p);
            }
            if (successes < TRIALS) {
                sum += (TRIALS - successes) * Math.log1p(-p);
            }
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }
}
