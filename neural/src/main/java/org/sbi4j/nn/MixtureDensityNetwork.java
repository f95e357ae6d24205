package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A mixture density network (Bishop 1994): q(θ | x) is a Gaussian mixture whose weights, means and Cholesky
 * (or diagonal) scales are the output of an {@link Mlp} of x (after an optional embedding), evaluated by a
 * {@link GaussianMixtureKernel}. The output layer starts small with component means spread by a seeded
 * N(0, I) draw in its bias, so components start distinct.
 */
public final class MixtureDensityNetwork implements ConditionalDensityModel {

    private final ParameterSet params;
    private final Embedding embedding;
    private final Mlp head;
    private final GaussianMixtureKernel kernel;
    private final int thetaDim;
    private final int contextDim;
    private final Precision precision;
    private int capacity;
    private Mat gradParams;

    /**
     * Registers the head's parameters and returns the kernel's shape; call before building.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param inputDim width of the head's input (the embedded x, or x)
     * @param hidden hidden widths
     * @param activation hidden nonlinearity
     * @param kernel the mixture family
     * @param outputScale initial weight scale of the output layer
     * @return the head network
     */
    public static Mlp head(ParameterSet.Builder params, String name, int inputDim, int[] hidden,
                           Activation activation, GaussianMixtureKernel kernel, double outputScale) {
        Mlp head = new Mlp(params, name, inputDim, 0, hidden, kernel.parameterCount(), activation,
                Activation.IDENTITY, outputScale);
        int count = kernel.parameterCount();
        int means = kernel.meansOffset();
        int diag = kernel.diagonalOffset();
        int diagEnd = diag + (means == 0 ? 0 : diag - means);
        double unit = GaussianMixtureKernel.rawDiagonal(1.0);
        head.outputLayer().bias().setInit((value, rng) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < count; i++) {
                double v = 0;
                if (i >= means && i < diag) {
                    v = gauss.sample();
                } else if (i >= diag && i < diagEnd) {
                    v = unit;
                }
                value.set(0, i, v);
            }
        });
        return head;
    }

    /**
     * Assembles the network.
     *
     * @param params the built parameter set
     * @param embedding embedding of x, or {@code null}
     * @param head network from {@link #head}
     * @param kernel the mixture family
     * @param thetaDim dimension of θ
     * @param contextDim dimension of x
     */
    public MixtureDensityNetwork(ParameterSet params, Embedding embedding, Mlp head, GaussianMixtureKernel kernel,
                                 int thetaDim, int contextDim) {
        this.params = params;
        this.embedding = embedding;
        this.head = head;
        this.kernel = kernel;
        this.thetaDim = thetaDim;
        this.contextDim = contextDim;
        this.precision = params.precision();
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

    @Override
    public void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        head.ensureCapacity(n);
        if (embedding != null) {
            embedding.ensureCapacity(n);
        }
        gradParams = Mat.zeros(precision, n, kernel.parameterCount());
    }

    private Mat mixture(Mat context, int n) {
        Mat c = contextDim == 0 ? null : (embedding == null ? context : embedding.embed(context, n));
        return head.forward(c, null, n);
    }

    @Override
    public void logDensity(Mat theta, Mat context, int n, double[] out) {
        ensureCapacity(n);
        Mat p = mixture(context, n);
        for (int r = 0; r < n; r++) {
            out[r] = kernel.logDensity(p.buffer(), p.index(r, 0), theta.buffer(), theta.index(r, 0));
        }
    }

    @Override
    public double lossAndGradient(Mat theta, Mat context, double[] weights, int n) {
        ensureCapacity(n);
        Mat p = mixture(context, n);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double w = weights == null ? 1.0 : weights[r];
            loss -= w * kernel.logDensity(p.buffer(), p.index(r, 0), theta.buffer(), theta.index(r, 0));
            kernel.backward(p.buffer(), p.index(r, 0), theta.buffer(), theta.index(r, 0), -w / n,
                    gradParams.buffer(), gradParams.index(r, 0), false, null, 0);
        }
        head.backward(gradParams, n, embedding != null, false);
        if (embedding != null) {
            embedding.embedBackward(head.inputGrad(), n);
        }
        return loss / n;
    }

    @Override
    public void sample(Mat context, int n, UniformRandomProvider rng, Mat out, double[] logDensity) {
        ensureCapacity(n);
        Mat p = mixture(context, n);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int r = 0; r < n; r++) {
            kernel.sample(p.buffer(), p.index(r, 0), rng, gauss, out.buffer(), out.index(r, 0));
            if (logDensity != null) {
                logDensity[r] = kernel.logDensity(p.buffer(), p.index(r, 0), out.buffer(), out.index(r, 0));
            }
        }
    }
}
