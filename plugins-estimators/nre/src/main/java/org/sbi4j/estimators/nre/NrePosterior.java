package org.sbi4j.estimators.nre;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Observations;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.api.UnnormalizedPosterior;
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
public final class NrePosterior extends UnnormalizedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "nre/1";
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final List<String> dataNames;
    private final RatioClassifier prototype;
    private final ConcurrentLinkedDeque<RatioClassifier> idle = new ConcurrentLinkedDeque<>();
    private final DataTransform dataTransform;
    private final NreVariant variant;
    private final TrainingSummary summary;

    NrePosterior(Prior prior, List<String> dataNames, RatioClassifier classifier, DataTransform dataTransform,
                 NreVariant variant, TrainingSummary summary) {
        super(prior);
        this.dataNames = List.copyOf(dataNames);
        this.prototype = requireNonNull(classifier, "classifier is null");
        this.dataTransform = requireNonNull(dataTransform, "dataTransform is null");
        this.variant = requireNonNull(variant, "variant is null");
        this.summary = requireNonNull(summary, "summary is null");
    }

    /** The variant the classifier was trained with. */
    public NreVariant variant() {
        return variant;
    }

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        return evaluate(theta, observation, null);
    }

    @Override
    public double[] logDensityGradient(double[][] theta, double[] observation, double[][] gradient) {
        if (!prior().hasGradient()) {
            throw new UnsupportedOperationException("the prior has no gradient");
        }
        return evaluate(theta, observation, gradient);
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
        logits(theta, checked(observation), out, null);
        return out;
    }

    private double[] evaluate(double[][] theta, double[] observation, double[][] gradient) {
        double[] x = checked(observation);
        requireNonNull(theta, "theta is null");
        Prior prior = prior();
        int d = prior.dimension();
        double[] out = new double[theta.length];
        int[] inside = new int[theta.length];
        int k = 0;
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != d) {
                throw SbiException.userError("θ row " + i + " has " + (theta[i] == null ? "no" : theta[i].length)
                        + " values but the prior has " + d + " parameters (" + String.join(", ", parameterNames())
                        + ")");
            }
            boolean supported = prior.inSupport(theta[i]) && prototype.bijection().inSupport(theta[i]);
            out[i] = !supported ? Double.NEGATIVE_INFINITY
                    : gradient == null ? prior.logDensity(theta[i]) : prior.logDensityGradient(theta[i], gradient[i]);
            if (out[i] > Double.NEGATIVE_INFINITY) {
                inside[k++] = i;
            } else if (gradient != null) {
                Arrays.fill(gradient[i], 0.0);
            }
        }
        double[][] rows = new double[k][];
        for (int r = 0; r < k; r++) {
            rows[r] = theta[inside[r]];
        }
        double[] s = new double[k];
        double[][] g = gradient == null ? null : new double[k][d];
        logits(rows, x, s, g);
        for (int r = 0; r < k; r++) {
            int i = inside[r];
            out[i] += s[r];
            if (g != null) {
                for (int j = 0; j < d; j++) {
                    gradient[i][j] += g[r][j];
                }
            }
        }
        return out;
    }

    /** Logits (and their gradients in θ) of rows inside the support, for a transformed observation. */
    private void logits(double[][] theta, double[] x, double[] out, double[][] gradient) {
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

    private double[] checked(double[] observation) {
        Observations.check(observation, dataNames, "the ratio classifier conditions on the data and needs every "
                + "value finite");
        return dataTransform.apply(observation);
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
    public TrainingSummary trainingSummary() {
        return summary;
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("format", FORMAT);
        out.putProperty("variant", variant.toString());
        out.putProperty("log-data-columns", dataTransform.encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        prototype.write(out, "classifier");
        SavedSummary.write(out, summary);
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
        String format = reader.property("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("nre model has format '" + format + "', this version reads " + FORMAT);
        }
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
            DataTransform transform = DataTransform.decode(reader.property("log-data-columns"), dataNames.size());
            TrainingSummary summary = SavedSummary.read(reader, "nre");
            return new NrePosterior(prior, dataNames, classifier, transform, variant, summary);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad nre model entry: " + e.getMessage(), e);
        }
    }
}
