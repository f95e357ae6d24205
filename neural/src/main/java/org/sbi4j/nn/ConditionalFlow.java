package org.sbi4j.nn;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A conditional normalizing flow q(θ | x) = p_base(f(θ; c)) · |det ∂f/∂θ| with {@code c = embed(x)}: a stack
 * of {@link FlowTransform}s (data → noise), a {@link BaseDistribution} and an optional {@link Embedding}
 * of x trained jointly. Built by {@link DensityModels} from a {@link DensityModelSpec}, or by hand:
 * register every part on one {@link ParameterSet.Builder}, build it, then pass the parts here.
 */
public final class ConditionalFlow implements ConditionalDensityModel {

    private final ParameterSet params;
    private final FlowTransform[] transforms;
    private final BaseDistribution base;
    private final Embedding embedding;
    private final int thetaDim;
    private final int contextDim;
    private final int embeddedDim;
    private final Precision precision;

    private int capacity;
    private double[] logDet;
    private double[] logBase;
    private double[] gradLog;
    private Mat gradZ;
    private Mat gradContext;
    private Mat noise;
    private boolean contextGradientWanted;

    /**
     * Assembles a flow whose parts registered their parameters on the builder that produced {@code params}.
     *
     * @param params the built parameter set
     * @param transforms transforms in the density direction (θ first)
     * @param base base distribution
     * @param embedding embedding of x ({@code contextDim → embedded width}), or {@code null} to feed x directly
     * @param thetaDim dimension of θ
     * @param contextDim dimension of x (0: unconditional)
     */
    public ConditionalFlow(ParameterSet params, List<FlowTransform> transforms, BaseDistribution base,
                           Embedding embedding, int thetaDim, int contextDim) {
        this.params = params;
        this.transforms = transforms.toArray(new FlowTransform[0]);
        this.base = base;
        this.embedding = embedding;
        this.thetaDim = thetaDim;
        this.contextDim = contextDim;
        this.embeddedDim = embedding == null ? contextDim : embedding.outputDim();
        this.precision = params.precision();
        for (FlowTransform t : this.transforms) {
            if (t.dimension() != thetaDim) {
                throw new IllegalArgumentException("transform of dimension " + t.dimension() + " in a flow of "
                        + thetaDim);
            }
        }
        if (base.dimension() != thetaDim) {
            throw new IllegalArgumentException("base of dimension " + base.dimension() + " for θ of " + thetaDim);
        }
        if (embedding != null && embedding.inputDim() != contextDim) {
            throw new IllegalArgumentException("embedding input " + embedding.inputDim() + " != " + contextDim);
        }
    }

    @Override
    public int thetaDim() {
        return thetaDim;
    }

    @Override
    public int contextDim() {
        return contextDim;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    /** The base distribution (e.g. to initialise a mixture base). */
    public BaseDistribution base() {
        return base;
    }

    /** Number of transforms. */
    public int transformCount() {
        return transforms.length;
    }

    @Override
    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        for (FlowTransform t : transforms) {
            t.ensureCapacity(n);
        }
        base.ensureCapacity(n);
        if (embedding != null) {
            embedding.ensureCapacity(n);
        }
        logDet = new double[n];
        logBase = new double[n];
        gradLog = new double[n];
        gradZ = Mat.zeros(precision, n, thetaDim);
        noise = Mat.zeros(precision, n, thetaDim);
        gradContext = embeddedDim > 0 ? Mat.zeros(precision, n, embeddedDim) : null;
    }

    private Mat embed(Mat x, int n) {
        if (contextDim == 0) {
            return null;
        }
        return embedding == null ? x : embedding.embed(x, n);
    }

    private Mat forwardAll(Mat theta, Mat c, int n) {
        java.util.Arrays.fill(logDet, 0, n, 0.0);
        Mat h = theta;
        for (FlowTransform t : transforms) {
            h = t.forward(h, c, n, logDet);
        }
        base.logDensity(h, n, logBase);
        return h;
    }

    @Override
    public void logDensity(Mat theta, Mat context, int n, double[] out) {
        ensureCapacity(n);
        Mat c = embed(context, n);
        forwardAll(theta, c, n);
        for (int r = 0; r < n; r++) {
            out[r] = logBase[r] + logDet[r];
        }
    }

    @Override
    public double lossAndGradient(Mat theta, Mat context, double[] weights, int n) {
        ensureCapacity(n);
        Mat c = embed(context, n);
        Mat z = forwardAll(theta, c, n);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double w = weights == null ? 1.0 : weights[r];
            loss -= w * (logBase[r] + logDet[r]);
            gradLog[r] = -w / n;
        }
        base.backward(z, n, gradLog, gradZ);
        Mat gc = c == null || (embedding == null && !contextGradientWanted) ? null : gradContext;
        if (gc != null) {
            gc.zero(n);
        }
        Mat g = gradZ;
        for (int i = transforms.length - 1; i >= 0; i--) {
            g = transforms[i].backward(g, gradLog, gc, n);
        }
        if (embedding != null) {
            embedding.embedBackward(gradContext, n);
        }
        return loss / n;
    }

    /**
     * log q(θ_r | x_r) for each row and its gradient in the raw context x_r (back-propagated through the embedding
     * when there is one): what a likelihood estimator needs, where x is the parameter being sampled. The backward
     * pass is in the inputs only ({@link FlowTransform#backwardInputs}, {@link Embedding#embedInputGradient}):
     * the parameter gradients are left untouched and no weight-gradient product is computed.
     *
     * @param theta {@code n × thetaDim}
     * @param context {@code n × contextDim} (a conditional flow only)
     * @param n rows
     * @param out per row, log q is WRITTEN
     * @param contextGradient {@code n × contextDim}, d log q(θ_r | x_r) / d x_r is WRITTEN
     */
    public void logDensityAndContextGradient(Mat theta, Mat context, int n, double[] out, Mat contextGradient) {
        logDensityAndContextGradient(theta, context, n, out, contextGradient, false);
    }

    /**
     * As {@link #logDensityAndContextGradient(Mat, Mat, int, double[], Mat)}; with {@code accumulateParams} the full
     * backward pass runs and ADDS the parameter gradients as well (tests check that both give the same numbers).
     */
    void logDensityAndContextGradient(Mat theta, Mat context, int n, double[] out, Mat contextGradient,
                                      boolean accumulateParams) {
        if (contextDim == 0) {
            throw new IllegalStateException("an unconditional flow has no context to differentiate");
        }
        ensureCapacity(n);
        Mat c = embed(context, n);
        Mat z = forwardAll(theta, c, n);
        for (int r = 0; r < n; r++) {
            out[r] = logBase[r] + logDet[r];
            gradLog[r] = 1.0;
        }
        if (accumulateParams) {
            base.backward(z, n, gradLog, gradZ);
        } else {
            base.backwardInputs(z, n, gradLog, gradZ);
        }
        gradContext.zero(n);
        Mat g = gradZ;
        for (int i = transforms.length - 1; i >= 0; i--) {
            g = accumulateParams ? transforms[i].backward(g, gradLog, gradContext, n)
                    : transforms[i].backwardInputs(g, gradLog, gradContext, n);
        }
        Mat raw = gradContext;
        if (embedding != null) {
            raw = accumulateParams ? embedding.embedBackwardToInput(gradContext, n)
                    : embedding.embedInputGradient(gradContext, n);
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < contextDim; j++) {
                contextGradient.set(r, j, raw.get(r, j));
            }
        }
    }

    /**
     * Whether {@link #lossAndGradient} also computes dL/dx when there is no embedding (it never needs to for
     * training; tests check it).
     */
    void setContextGradientWanted(boolean wanted) {
        this.contextGradientWanted = wanted;
    }

    /** dL/d(context) of the last {@link #lossAndGradient} (the embedded context when there is an embedding). */
    Mat contextGradient() {
        return gradContext;
    }

    @Override
    public void sample(Mat context, int n, UniformRandomProvider rng, Mat out, double[] logDensity) {
        ensureCapacity(n);
        Mat c = embed(context, n);
        base.sample(n, rng, noise);
        if (logDensity != null) {
            base.logDensity(noise, n, logBase);
            java.util.Arrays.fill(logDet, 0, n, 0.0);
        }
        Mat h = noise;
        for (int i = transforms.length - 1; i >= 0; i--) {
            h = transforms[i].inverse(h, c, n, logDensity == null ? null : logDet);
        }
        out.copyRowsFrom(h, n);
        if (logDensity != null) {
            for (int r = 0; r < n; r++) {
                logDensity[r] = logBase[r] - logDet[r];
            }
        }
    }

    /**
     * Maps θ to the base space (density direction), for diagnostics.
     *
     * @param theta {@code n × thetaDim}
     * @param context {@code n × contextDim} or {@code null}
     * @param n rows
     * @param out destination {@code n × thetaDim}
     */
    public void toNoise(Mat theta, Mat context, int n, Mat out) {
        ensureCapacity(n);
        Mat c = embed(context, n);
        out.copyRowsFrom(forwardAll(theta, c, n), n);
    }

    /**
     * Maps base-space points to θ (sampling direction).
     *
     * @param z {@code n × thetaDim}
     * @param context {@code n × contextDim} or {@code null}
     * @param n rows
     * @param out destination {@code n × thetaDim}
     */
    public void fromNoise(Mat z, Mat context, int n, Mat out) {
        ensureCapacity(n);
        Mat c = embed(context, n);
        Mat h = z;
        for (int i = transforms.length - 1; i >= 0; i--) {
            h = transforms[i].inverse(h, c, n, null);
        }
        out.copyRowsFrom(h, n);
    }
}
