package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.parallel.WorkerPool;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * The classifier two-sample test (C2ST) as the sbibm benchmark computes it ({@code sbibm.metrics.c2st} with
 * {@code z_score=True}, {@code X} = the reference samples, {@code Y} = the samples under test):
 * <ol>
 *   <li>both sets are z-scored with the per-column mean and standard deviation (n−1 denominator, as
 *       {@code torch.std}) of the <em>reference</em> samples;</li>
 *   <li>reference rows are labelled 0 and the samples under test 1, and split by shuffled 5-fold
 *       cross-validation ({@link KFold});</li>
 *   <li>on each fold an {@link MlpClassifier} with scikit-learn's {@code MLPClassifier} defaults and two ReLU
 *       hidden layers of width 10·d is trained, and its accuracy on the held-out fold is measured;</li>
 *   <li>the C2ST is the mean held-out accuracy: 0.5 when the sets cannot be told apart, 1.0 when they are
 *       disjoint.</li>
 * </ol>
 *
 * <p>Deviations, all documented: (a) sbibm always passes two sets of the same size (10,000 each); here, when the
 * sizes differ, the larger set is subsampled without replacement to the size of the smaller one (seeded, original
 * row order kept), so that 0.5 stays the chance level; (b) a reference column with zero spread is only centred
 * (divided by 1) instead of producing NaN; (c) random numbers come from {@link Seeds} streams, not NumPy, so
 * scores match sbibm's statistically, not digit for digit. As in sklearn's {@code cross_val_score} with an
 * integer {@code random_state}, every fold's classifier starts from the same generator state. The epoch cap is
 * sbibm's {@code max_iter=10000} unless changed with {@link #withMaxEpochs}; sklearn's tolerance rule stops
 * training long before it in practice.
 *
 * <p>Folds are trained in parallel on a {@link WorkerPool}; each fold is computed by one task from its own seeded
 * stream, so the score is identical for any thread count. Instances are immutable and thread-safe.
 */
public final class C2st {
    /** sbibm's number of cross-validation folds. */
    public static final int SBIBM_FOLDS = 5;
    /** sbibm's {@code max_iter}. */
    public static final int SBIBM_MAX_EPOCHS = 10_000;
    /** Width of each hidden layer per input dimension (sbibm: {@code 10 * ndim}). */
    public static final int HIDDEN_WIDTH_PER_DIMENSION = 10;

    private final int folds;
    private final Workers workers;
    private final int maxEpochs;
    private final boolean zScore;

    private C2st(int folds, Workers workers, int maxEpochs, boolean zScore) {
        this.folds = folds;
        this.workers = workers;
        this.maxEpochs = maxEpochs;
        this.zScore = zScore;
    }

    /**
     * sbibm's settings: 5 folds, z-scoring, epoch cap 10,000, one thread per available processor.
     *
     * @return the test
     */
    public static C2st sbibm() {
        return new C2st(SBIBM_FOLDS, Workers.defaults(), SBIBM_MAX_EPOCHS, true);
    }

    /**
     * The sbibm C2ST accuracy of {@code samples} against {@code reference}, with sbibm's settings.
     *
     * @param samples the samples under test, n×d
     * @param reference the reference samples, m×d
     * @param seed the seed of the subsampling, folds, initialisation and shuffles
     * @return the mean held-out accuracy, in [0, 1]
     */
    public static double score(double[][] samples, double[][] reference, long seed) {
        return sbibm().evaluate(samples, reference, seed).accuracy();
    }

    /**
     * @param count the number of threads that train folds in parallel, ≥ 1 (does not change the result)
     * @return a copy using that many threads
     */
    public C2st withThreads(int count) {
        return new C2st(folds, workers.withThreads(count), maxEpochs, zScore);
    }

    /**
     * @param pool where the folds are trained (default: the process-wide {@link LocalWorkerPool#shared()})
     * @return a copy running on that pool
     */
    public C2st withPool(WorkerPool pool) {
        return new C2st(folds, workers.withPool(pool), maxEpochs, zScore);
    }

    /**
     * @param count the number of cross-validation folds, ≥ 2 (sbibm: 5)
     * @return a copy with that many folds
     */
    public C2st withFolds(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("folds = " + count + " is invalid; it must be >= 2");
        }
        return new C2st(count, workers, maxEpochs, zScore);
    }

    /**
     * @param cap the maximum number of training epochs per fold, ≥ 1 (sbibm: 10,000)
     * @return a copy with that cap
     */
    public C2st withMaxEpochs(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("max epochs = " + cap + " is invalid; it must be >= 1");
        }
        return new C2st(folds, workers, cap, zScore);
    }

    /**
     * @param enabled whether to z-score both sets by the reference's mean and standard deviation (sbibm: yes)
     * @return a copy with that choice
     */
    public C2st withZScore(boolean enabled) {
        return new C2st(folds, workers, maxEpochs, enabled);
    }

    /**
     * The outcome of one test.
     *
     * @param accuracy the C2ST: mean held-out accuracy over the folds
     * @param foldAccuracies the held-out accuracy of each fold
     * @param foldEpochs the number of training epochs of each fold's classifier
     * @param foldConverged whether each fold's training stopped by the tolerance rule (not the epoch cap)
     * @param samplesPerSet the number of rows used from each set
     */
    public record Result(double accuracy, double[] foldAccuracies, int[] foldEpochs, boolean[] foldConverged,
                         int samplesPerSet) {
        /** Copies the arrays. */
        public Result {
            foldAccuracies = foldAccuracies.clone();
            foldEpochs = foldEpochs.clone();
            foldConverged = foldConverged.clone();
        }

        @Override
        public double[] foldAccuracies() {
            return foldAccuracies.clone();
        }

        @Override
        public int[] foldEpochs() {
            return foldEpochs.clone();
        }

        @Override
        public boolean[] foldConverged() {
            return foldConverged.clone();
        }

        @Override
        public String toString() {
            return "C2st.Result[accuracy=" + accuracy + ", foldAccuracies=" + Arrays.toString(foldAccuracies)
                    + ", foldEpochs=" + Arrays.toString(foldEpochs) + ", foldConverged="
                    + Arrays.toString(foldConverged) + ", samplesPerSet=" + samplesPerSet + "]";
        }
    }

    /**
     * Runs the test.
     *
     * @param samples the samples under test, n×d, finite
     * @param reference the reference samples, m×d, finite
     * @param seed the seed of the subsampling, folds, initialisation and shuffles
     * @return the accuracy and per-fold details
     */
    public Result evaluate(double[][] samples, double[][] reference, long seed) {
        int d = checkShape(samples, reference);
        int m = Math.min(samples.length, reference.length);
        if (m < folds) {
            throw new IllegalArgumentException("C2ST needs at least " + folds + " rows in each set (one per fold), got "
                    + samples.length + " samples and " + reference.length + " reference rows");
        }
        double[][] ref = DistanceInputs.subsample(reference, m, Seeds.random(seed, "c2st-subsample-reference", 0));
        double[][] test = DistanceInputs.subsample(samples, m, Seeds.random(seed, "c2st-subsample-samples", 0));

        double[] mean = new double[d];
        double[] scale = new double[d];
        Arrays.fill(scale, 1.0);
        if (zScore) {
            referenceMoments(ref, mean, scale);
        }
        int n = 2 * m;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < m; i++) {
            x[i] = standardised(ref[i], mean, scale);
            x[m + i] = standardised(test[i], mean, scale);
            y[m + i] = 1;
        }

        List<KFold.Fold> splits = KFold.split(n, folds, Seeds.random(seed, "c2st-folds", 0));
        int width = HIDDEN_WIDTH_PER_DIMENSION * d;
        MlpClassifier.Config config = MlpClassifier.Config.sklearnDefaults(maxEpochs, width, width);
        List<FoldOutcome> outcomes = runFolds(splits, x, y, config, seed);

        double[] accuracies = new double[folds];
        int[] epochs = new int[folds];
        boolean[] converged = new boolean[folds];
        double sum = 0.0;
        for (int f = 0; f < folds; f++) {
            FoldOutcome o = outcomes.get(f);
            accuracies[f] = o.accuracy;
            epochs[f] = o.epochs;
            converged[f] = o.converged;
            sum += o.accuracy;
        }
        return new Result(sum / folds, accuracies, epochs, converged, m);
    }

    private List<FoldOutcome> runFolds(List<KFold.Fold> splits, double[][] x, int[] y, MlpClassifier.Config config,
                                       long seed) {
        return workers.map(splits.size(), f -> runFold(splits.get(f), x, y, config, seed));
    }

    private static FoldOutcome runFold(KFold.Fold fold, double[][] x, int[] y, MlpClassifier.Config config,
                                       long seed) {
        int[] train = fold.train();
        int[] held = fold.test();
        double[][] xTrain = new double[train.length][];
        int[] yTrain = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            xTrain[i] = x[train[i]];
            yTrain[i] = y[train[i]];
        }
        // sklearn's cross_val_score clones the classifier with the same integer random_state for every fold
        UniformRandomProvider rng = Seeds.random(seed, "c2st-classifier", 0);
        MlpClassifier classifier = MlpClassifier.train(xTrain, yTrain, config, rng);
        double[][] xHeld = new double[held.length][];
        for (int i = 0; i < held.length; i++) {
            xHeld[i] = x[held[i]];
        }
        int[] predicted = classifier.predict(xHeld);
        int correct = 0;
        for (int i = 0; i < held.length; i++) {
            if (predicted[i] == y[held[i]]) {
                correct++;
            }
        }
        return new FoldOutcome((double) correct / held.length, classifier.epochs(), classifier.converged());
    }

    private record FoldOutcome(double accuracy, int epochs, boolean converged) {
    }

    private static double[] standardised(double[] row, double[] mean, double[] scale) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];
        }
        return out;
    }

    /** Column means and standard deviations (n−1 denominator); a zero or undefined spread becomes 1. */
    static void referenceMoments(double[][] ref, double[] mean, double[] scale) {
        int d = mean.length;
        int m = ref.length;
        for (double[] row : ref) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= m;
        }
        double[] ss = new double[d];
        for (double[] row : ref) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                ss[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = m > 1 ? Math.sqrt(ss[j] / (m - 1)) : 0.0;
            scale[j] = sd > 0.0 && Double.isFinite(sd) ? sd : 1.0;
        }
    }

    private static int checkShape(double[][] samples, double[][] reference) {
        requireNonNull(samples, "samples is null");
        requireNonNull(reference, "reference is null");
        if (samples.length == 0 || reference.length == 0) {
            throw new IllegalArgumentException("C2ST needs non-empty sample sets, got " + samples.length
                    + " samples and " + reference.length + " reference rows");
        }
        int d = reference[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("C2ST needs at least one column");
        }
        checkRows(reference, d, "reference");
        checkRows(samples, d, "samples");
        return d;
    }

    private static void checkRows(double[][] rows, int d, String name) {
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has " + (row == null ? "no" : row.length)
                        + " values but the reference has " + d + " columns; both sets need the same width");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + " row " + i + ", column " + j + " is " + row[j]
                            + "; C2ST needs finite values (drop invalid samples first)");
                }
            }
        }
    }
}
