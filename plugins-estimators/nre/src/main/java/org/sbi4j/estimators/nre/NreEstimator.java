package org.sbi4j.estimators.nre;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.Standardizer;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.Trainer;
import org.sbi4j.nn.TrainingResult;

/**
 * Neural ratio estimation: trains {@link RatioClassifier} on all the simulations the runtime hands over. Training
 * is single-threaded and driven only by the context's {@code "init"} and {@code "shuffle"} streams, so the same
 * seed gives a bit-identical model whatever the thread budget.
 */
final class NreEstimator implements Estimator {
    /** Most marginal pairs over which the calibration mean E_{p(θ)p(x)}[r̂] is estimated after training. */
    private static final int CALIBRATION_PAIRS = 50_000;
    /** Pairs per forward pass of that estimate. */
    private static final int CALIBRATION_BATCH = 5000;

    private final NreSettings settings;

    NreEstimator(NreSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Set<Capability> requirements() {
        return Set.of(Capability.SIMULATIONS);
    }

    /** Its posteriors are p(θ) r̂(x₀ | θ), known up to a constant: drawn by a sampler. */
    @Override
    public boolean posteriorsNeedSampler() {
        return true;
    }

    /** Enough simulations for one full training batch besides the validation split. */
    @Override
    public int minimumSimulations() {
        return settings.trainingConfig().minimumExamples();
    }

    @Override
    public NrePosterior fit(InferenceProblem problem, FitContext context) {
        Simulations simulations = problem.requireSimulations();
        Prior prior = problem.prior();
        List<String> dataNames = problem.simulator().dataNames();
        int n = simulations.size();
        if (n < 2) {
            throw SbiException.userError("nre needs at least 2 valid simulations to train, got " + n);
        }
        ThetaBijection bijection = bijectionFor(prior);
        double[][] x = simulations.data();
        DataTransform dataTransform = DataTransform.choose(x, settings.logData);
        x = dataTransform.apply(x);
        if (dataTransform.any()) {
            context.listener().onMessage("nre: learning on the log of " + dataTransform.count() + " of "
                    + dataNames.size() + " data columns (positive, spanning more than two decades)");
        }
        double[][] u = unconstrained(simulations.theta(), bijection);
        Standardizer thetaScaler = Standardizer.fit(u);
        Standardizer xScaler = Standardizer.fit(x);
        double[][] uStd = standardize(u, thetaScaler);
        double[][] xStd = standardize(x, xScaler);
        RatioClassifier classifier = new RatioClassifier(bijection, thetaScaler, xScaler, settings.hiddenFeatures,
                settings.blocks, settings.activation, Precision.FLOAT32, context.random("init"));
        RatioObjective objective = new RatioObjective(classifier, uStd, xStd, settings.variant, settings.atoms,
                settings.gamma);
        long start = System.nanoTime();
        TrainingResult result = Trainer.train(objective, settings.trainingConfig(), context.random("shuffle"),
                context.listener());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.diverged() && result.bestEpoch() == 0) {
            throw new SbiException(ErrorType.USER_ERROR, "nre training diverged (non-finite loss) in its first epoch; "
                    + "lower learning-rate (now " + settings.learningRate + ") or check the simulations for extreme "
                    + "values");
        }
        TrainingSummary trained = result.toSummary();
        Map<String, Double> stats = new LinkedHashMap<>(trained.statistics());
        stats.put("training-seconds", seconds);
        stats.put("simulations-used", (double) n);
        stats.put("simulations-invalid", (double) simulations.invalidCount());
        stats.put("parameters", (double) classifier.parameters().size());
        double calibration = calibrationMean(classifier, uStd, xStd);
        if (settings.variant != NreVariant.B) {
            // variant b learns the ratio only up to a constant per observation: no calibration to check
            stats.put("calibration-mean-ratio", calibration);
        }
        TrainingSummary summary = new TrainingSummary(trained.epochs(), trained.trainingLoss(),
                trained.validationLoss(), stats);
        context.listener().onMessage(String.format(Locale.ROOT, "nre: variant %s trained on %d simulations in %.1f s: "
                + "%d epochs, best epoch %d, best %s loss %.4f%s; E[r̂] over marginal pairs %.3f (1 when calibrated%s)",
                settings.variant, n, seconds, result.epochs(), result.bestEpoch(),
                result.validationExamples() > 0 ? "validation" : "training", result.bestLoss(),
                result.stoppedEarly() ? ", stopped early" : ", reached max-epochs " + settings.maxEpochs, calibration,
                settings.variant == NreVariant.B ? "; variant b learns the ratio only up to a constant" : ""));
        return new NrePosterior(prior, dataNames, classifier.copy(Precision.FLOAT64), dataTransform, settings.variant,
                summary);
    }

    /**
     * NPE's map of θ to unconstrained coordinates: log for a half-bounded parameter; finite intervals and
     * unbounded parameters stay as they are.
     */
    static ThetaBijection bijectionFor(Prior prior) {
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        for (int i = 0; i < lower.length; i++) {
            if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                lower[i] = Double.NEGATIVE_INFINITY;
                upper[i] = Double.POSITIVE_INFINITY;
            }
        }
        return new ThetaBijection(lower, upper);
    }

    private static double[][] unconstrained(double[][] theta, ThetaBijection bijection) {
        double[][] u = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            double[] row = theta[r];
            u[r] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                u[r][j] = bijection.toUnconstrained(j, row[j]);
                if (!Double.isFinite(u[r][j])) {
                    // a prior draw exactly on a bound (probability ~2⁻⁵³): move it inside
                    u[r][j] = bijection.toUnconstrained(j, Math.nextUp(row[j]));
                    if (!Double.isFinite(u[r][j])) {
                        u[r][j] = bijection.toUnconstrained(j, Math.nextDown(row[j]));
                    }
                }
            }
            for (double v : u[r]) {
                if (!Double.isFinite(v)) {
                    throw SbiException.userError("simulation " + r + " has θ = " + java.util.Arrays.toString(theta[r])
                            + ", outside the prior bounds " + bijection.encode());
                }
            }
        }
        return u;
    }

    static double[][] standardize(double[][] rows, Standardizer scaler) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new double[rows[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                out[r][j] = scaler.apply(j, rows[r][j]);
            }
        }
        return out;
    }

    /**
     * E_{p(θ)p(x)}[r̂(x | θ)] over marginal pairs (θ₍ᵢ₊ₖ₎, xᵢ) of the training data, k = 1, 2, …: 1 for a calibrated
     * classifier, below 1 when it underestimates the mutual information (Hermans et al.). Heavy-tailed when the
     * posterior is much narrower than the prior: r̂ is then mostly near 0 and rarely very large.
     */
    private static double calibrationMean(RatioClassifier classifier, double[][] theta, double[][] x) {
        int n = theta.length;
        if (n < 2) {
            return Double.NaN;
        }
        int shifts = Math.max(1, Math.min(n - 1, CALIBRATION_PAIRS / n));
        int batch = Math.min(CALIBRATION_BATCH, n);
        classifier.ensureCapacity(batch);
        Mat tb = classifier.thetaBatch();
        Mat xb = classifier.xBatch();
        double sum = 0;
        long count = 0;
        for (int k = 1; k <= shifts; k++) {
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < theta[0].length; j++) {
                        tb.set(i, j, theta[(from + i + k) % n][j]);
                    }
                    for (int j = 0; j < x[0].length; j++) {
                        xb.set(i, j, x[from + i][j]);
                    }
                }
                Mat s = classifier.forward(m);
                for (int i = 0; i < m; i++) {
                    sum += Math.exp(Math.min(50, s.get(i, 0)));
                }
                count += m;
            }
        }
        return sum / count;
    }
}
