package org.sbi4j.estimators.npe;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Capability;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingResult;

/**
 * Neural posterior estimation: fits q(θ | x) by maximum likelihood on all the simulations the runtime hands
 * over. Training is single-threaded and driven only by the context's {@code "init"} and {@code "shuffle"}
 * streams, so the same seed gives a bit-identical model whatever the thread budget.
 */
final class NpeEstimator implements Estimator {
    /** Observations (spread over the simulations) at which the support acceptance is probed after training. */
    private static final int PROBE_OBSERVATIONS = 20;
    /** Draws per probed observation. */
    private static final int PROBE_DRAWS = 200;

    private final NpeSettings settings;

    NpeEstimator(NpeSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Set<Capability> requirements() {
        return Set.of(Capability.SIMULATIONS);
    }

    /**
     * Enough simulations that the training split holds one full batch of {@code batch-size} besides the
     * {@code validation-fraction} held out for early stopping (222 with the defaults): with fewer, every epoch is
     * one step on a handful of examples and early stopping has next to nothing to judge by.
     */
    @Override
    public int minimumSimulations() {
        return settings.trainingConfig().minimumExamples();
    }

    @Override
    public NpePosterior fit(InferenceProblem problem, FitContext context) {
        Simulations simulations = problem.requireSimulations();
        Prior prior = problem.prior();
        List<String> dataNames = problem.simulator().dataNames();
        int n = simulations.size();
        if (n < 2) {
            throw SbiException.userError("npe needs at least 2 valid simulations to train, got " + n
                    + (simulations.invalidCount() > 0 ? " (" + simulations.invalidCount() + " failed)" : ""));
        }
        ThetaBijection bijection = bijectionFor(prior, settings);
        double[][] theta = insideOpenSupport(simulations.theta(), bijection, prior);
        double[][] x = simulations.data();
        for (int r = 0; r < n; r++) {
            if (x[r].length != dataNames.size()) {
                throw new IllegalArgumentException("simulation " + r + " has " + x[r].length + " data values but "
                        + "the simulator declares " + dataNames.size());
            }
        }
        DataTransform dataTransform = DataTransform.choose(x, settings.logData);
        x = dataTransform.apply(x);
        if (dataTransform.any()) {
            context.listener().onMessage("npe: learning on the log of " + dataTransform.count() + " of "
                    + dataNames.size() + " data columns (positive, spanning more than two decades; log-data: "
                    + settings.logData.name().toLowerCase(Locale.ROOT) + ")");
        }
        DensityModelSpec spec = settings.modelSpec(dataNames.size());
        ConditionalDensity density = ConditionalDensity.create(spec, bijection, theta, x, settings.standardize,
                Precision.FLOAT32, context.random("init"));
        long start = System.nanoTime();
        TrainingResult result = density.fit(theta, x, null, settings.trainingConfig(), context.random("shuffle"),
                context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.diverged() && result.bestEpoch() == 0) {
            throw new SbiException(ErrorType.USER_ERROR, "npe training diverged (non-finite loss) in its first "
                    + "epoch; lower learning-rate (now " + settings.learningRate + ") or check the simulations for "
                    + "extreme values");
        }
        TrainingSummary trained = result.toSummary();
        Map<String, Double> stats = new LinkedHashMap<>(trained.statistics());
        stats.put("training-seconds", seconds);
        stats.put("simulations-used", (double) n);
        stats.put("simulations-invalid", (double) simulations.invalidCount());
        stats.put("parameters", (double) density.model().parameters().size());
        double acceptance = probeAcceptance(density, prior, x, context.random("acceptance-probe"));
        stats.put("prior-support-acceptance", acceptance);
        TrainingSummary summary = new TrainingSummary(trained.epochs(), trained.trainingLoss(),
                trained.validationLoss(), stats);
        context.listener().onMessage(String.format(Locale.ROOT, "npe: %s trained on %d simulations in %.1f s: "
                + "%d epochs, best epoch %d, best %s loss %.4f%s%s", settings.flow, n, seconds, result.epochs(),
                result.bestEpoch(), result.validationExamples() > 0 ? "validation" : "training", result.bestLoss(),
                result.stoppedEarly() ? ", stopped early" : ", reached max-epochs " + settings.maxEpochs,
                result.diverged() ? " (a later epoch diverged; the best epoch was kept)" : ""));
        context.listener().onMessage(String.format(Locale.ROOT, "npe: %.2f%% of posterior draws at %d simulated "
                + "observations fell inside the prior support%s", 100 * acceptance,
                Math.min(PROBE_OBSERVATIONS, n), acceptance < 1 ? " (draws outside are rejected and redrawn)" : ""));
        return new NpePosterior(prior, dataNames, density, coversSupport(bijection, prior), dataTransform,
                settings.minAcceptance, summary);
    }

    /**
     * The map of θ to the flow's coordinates: identity without {@code transform-theta}; else log for every
     * half-bounded parameter and, with {@code transform-intervals}, logit for every finite interval.
     *
     * @param prior the prior, whose bounds decide
     * @param settings the settings
     * @return the bijection
     */
    static ThetaBijection bijectionFor(Prior prior, NpeSettings settings) {
        if (!settings.transformTheta) {
            return ThetaBijection.identity(prior.dimension());
        }
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        if (!settings.transformIntervals) {
            for (int i = 0; i < lower.length; i++) {
                if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                    lower[i] = Double.NEGATIVE_INFINITY;
                    upper[i] = Double.POSITIVE_INFINITY;
                }
            }
        }
        return new ThetaBijection(lower, upper);
    }

    /**
     * Whether the bijection maps onto the prior's support exactly, so that no draw can fall outside it.
     *
     * @param bijection the bijection
     * @param prior the prior
     * @return true when every bounded parameter is transformed
     */
    static boolean coversSupport(ThetaBijection bijection, Prior prior) {
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        for (int i = 0; i < lower.length; i++) {
            boolean bounded = Double.isFinite(lower[i]) || Double.isFinite(upper[i]);
            if (bounded && bijection.kind(i) == ThetaBijection.Kind.IDENTITY) {
                return false;
            }
        }
        return true;
    }

    /**
     * The training θ, with any row that lies exactly on a finite bound moved to the nearest representable
     * point inside (the transform is undefined on the bound; a prior draw lands there with probability ~2⁻⁵³).
     * Rows outside the bounds are an error when the transform is on.
     */
    private static double[][] insideOpenSupport(double[][] theta, ThetaBijection bijection, Prior prior) {
        int d = prior.dimension();
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        double[][] out = theta;
        for (int r = 0; r < theta.length; r++) {
            double[] row = theta[r];
            if (row.length != d) {
                throw new IllegalArgumentException("simulation " + r + " has " + row.length + " parameters but the "
                        + "prior has " + d);
            }
            if (bijection.inSupport(row)) {
                continue;
            }
            double[] fixed = row.clone();
            for (int i = 0; i < d; i++) {
                if (fixed[i] == lower[i]) {
                    fixed[i] = Math.nextUp(lower[i]);
                } else if (fixed[i] == upper[i]) {
                    fixed[i] = Math.nextDown(upper[i]);
                }
            }
            if (!bijection.inSupport(fixed)) {
                throw SbiException.userError("simulation " + r + " has θ = " + java.util.Arrays.toString(row)
                        + ", outside the prior bounds " + bijection.encode() + "; with transform-theta: true every "
                        + "simulated θ must lie inside them (set transform-theta: false to train on it anyway)");
            }
            if (out == theta) {
                out = theta.clone();
            }
            out[r] = fixed;
        }
        return out;
    }

    /** Share of draws inside the prior support, over a few simulated observations. */
    private static double probeAcceptance(ConditionalDensity density, Prior prior, double[][] x,
                                          UniformRandomProvider rng) {
        int k = Math.min(PROBE_OBSERVATIONS, x.length);
        ThetaBijection bijection = density.bijection();
        long inside = 0;
        for (int i = 0; i < k; i++) {
            double[][] draws = density.sample(x[(int) ((long) i * x.length / k)], PROBE_DRAWS, rng, null);
            for (double[] theta : draws) {
                if (bijection.inSupport(theta) && prior.inSupport(theta)) {
                    inside++;
                }
            }
        }
        return (double) inside / ((long) k * PROBE_DRAWS);
    }
}
