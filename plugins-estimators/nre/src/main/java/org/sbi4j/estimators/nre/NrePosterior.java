package org.sbi4j.estimators.nre;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Prior;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.FactorPosterior;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.Standardizer;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.SavedSummary;

/**
 * The posterior p(θ | x₀) ∝ p(θ) r̂(x₀ | θ) of a trained ratio classifier: its log density is log p(θ) + s(θ, x₀),
 * unnormalised, with the gradient in θ by back-propagation through the classifier (evaluated in float64 from the
 * float32 weights). It cannot draw by itself ({@link #needsSampler()}): the runtime samples it with a sampler.
 * Thread-safe: each call borrows a private copy of the classifier.
 */
public final class NrePosterior extends FactorPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "nre/1";
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final RatioClassifier prototype;
    private final ConcurrentLinkedDeque<RatioClassifier> idle = new ConcurrentLinkedDeque<>();
    private final NreVariant variant;

    NrePosterior(Prior prior, List<String> dataNames, RatioClassifier classifier, DataTransform dataTransform,
                 NreVariant variant, TrainingSummary summary) {
        super(NreEstimatorFactory.NAME, prior, dataNames, requireNonNull(classifier, "classifier is null").bijection(),
                dataTransform, summary);
        this.prototype = classifier;
        this.variant = requireNonNull(variant, "variant is null");
    }

    /** The variant the classifier was trained with. */
    public NreVariant variant() {
        return variant;
    }

    /**
     * The classifier's logits s(θ, x₀) ≈ log r(x₀ | θ) (plus a constant in x₀ for variant b).
     *
     * @param theta {@code n × d} parameters inside the prior's support
     * @param observation x₀
     * @return {@code n} logits
     */
    public double[] logRatio(double[][] theta, double[] observation) {
        double[] out = new double[theta.length];
        logFactor(theta, transformed(observation), out, null);
        return out;
    }

    /** Logits (and their gradients in θ) of rows inside the support, for a transformed observation. */
    @Override
    protected void logFactor(double[][] theta, double[] x, double[] out, double[][] gradient) {
        int n = theta.length;
        if (n == 0) {
            return;
        }
        RatioClassifier c = borrow();
        try {
            c.ensureCapacity(n);
            ThetaBijection bijection = c.bijection();
            Standardizer ts = c.thetaScaler();
            Standardizer xs = c.xScaler();
            Mat tb = c.thetaBatch();
            Mat xb = c.xBatch();
            double[] xStd = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                xStd[j] = xs.apply(j, x[j]);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < theta[i].length; j++) {
                    tb.set(i, j, ts.apply(j, bijection.toUnconstrained(j, theta[i][j])));
                }
                for (int j = 0; j < xStd.length; j++) {
                    xb.set(i, j, xStd[j]);
                }
            }
            Mat s = c.forward(n);
            for (int i = 0; i < n; i++) {
                out[i] = s.get(i, 0);
            }
            if (gradient != null) {
                Mat gs = c.logitGradient();
                for (int i = 0; i < n; i++) {
                    gs.set(i, 0, 1.0);
                }
                c.backwardToTheta(n);
                Mat gu = c.thetaGradient();
                double[] scale = ts.scale();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < theta[i].length; j++) {
                        // ds/dθ = ds/dũ · dũ/du · du/dθ, with ũ = (u − mean) / scale and |du/dθ| = exp(log-det)
                        gradient[i][j] = gu.get(i, j) / scale[j]
                                * Math.exp(bijection.logDetToUnconstrained(j, theta[i][j]));
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(out[i])) {
                    out[i] = Double.NEGATIVE_INFINITY;
                }
            }
        } finally {
            release(c);
        }
    }

    private RatioClassifier borrow() {
        RatioClassifier c = idle.pollFirst();
        return c != null ? c : prototype.copy(Precision.FLOAT64);
    }

    private void release(RatioClassifier c) {
        if (idle.size() < MAX_IDLE) {
            idle.offerFirst(c);
        }
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        writeCommon(out, FORMAT);
        out.putProperty("variant", variant.toString());
        prototype.write(out, "classifier");
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param reader the saved model
     * @param prior the prior, rebuilt from the saved configuration
     * @param dataNames the simulator's data names
     * @return an equivalent posterior: the same densities
     * @throws IOException when an entry is missing or does not fit the problem
     */
    static NrePosterior load(ModelReader reader, Prior prior, List<String> dataNames) throws IOException {
        checkFormat(reader, NreEstimatorFactory.NAME, FORMAT);
        RatioClassifier classifier = RatioClassifier.read(reader, "classifier", Precision.FLOAT64);
        if (classifier.thetaDim() != prior.dimension()) {
            throw new IOException("nre model has " + classifier.thetaDim() + " parameters but the prior has "
                    + prior.dimension());
        }
        if (classifier.dataDim() != dataNames.size()) {
            throw new IOException("nre model was trained on data of length " + classifier.dataDim()
                    + " but the simulator produces " + dataNames.size());
        }
        try {
            NreVariant variant = NreVariant.valueOf(reader.property("variant").toUpperCase(Locale.ROOT));
            DataTransform transform = readDataTransform(reader, NreEstimatorFactory.NAME, dataNames.size());
            TrainingSummary summary = SavedSummary.read(reader, "nre");
            return new NrePosterior(prior, dataNames, classifier, transform, variant, summary);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad nre model entry: " + e.getMessage(), e);
        }
    }
}
