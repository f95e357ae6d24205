package org.sbi4j.nn;

/**
 * Layer normalisation over the columns of each row, {@code y = γ ⊙ (x − μ)/√(σ² + ε) + β} (Ba, Kiros & Hinton
 * 2016), with a trainable gain (initialised to 1) and bias (0). Rows never interact, unlike batch norm, so a
 * network built from it has a per-row Jacobian (what a divergence in θ needs). Forward keeps the normalised
 * values and the inverse standard deviations; backward writes into its own workspace and overwrites nothing
 * of the forward pass, so several backward passes may follow one forward.
 */
final class LayerNorm {

    static final double EPS = 1e-5;

    private final int width;
    private final Param gain;
    private final Param bias;
    private final Precision precision;
    private final double[] gainScratch;
    private final double[] biasScratch;

    private int capacity;
    private Mat normalized;
    private Mat out;
    private Mat dx;
    private double[] invStd;

    LayerNorm(ParameterSet.Builder params, String name, int width) {
        this.width = width;
        this.precision = params.precision();
        this.gain = params.add(name + "/gain", 1, width, Init.constant(1.0));
        this.bias = params.add(name + "/bias", 1, width, Init.zeros());
        this.gainScratch = new double[width];
        this.biasScratch = new double[width];
    }

    void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = n;
        normalized = Mat.zeros(precision, n, width);
        out = Mat.zeros(precision, n, width);
        dx = Mat.zeros(precision, n, width);
        invStd = new double[n];
    }

    /** Normalises the first {@code n} rows of {@code x} (width columns); returns the output workspace. */
    Mat forward(Mat x, int n) {
        ensureCapacity(n);
        Buffer xb = x.buffer();
        Buffer hb = normalized.buffer();
        Buffer ob = out.buffer();
        Buffer gb = gain.value().buffer();
        Buffer bb = bias.value().buffer();
        int go = gain.value().offset();
        int bo = bias.value().offset();
        for (int j = 0; j < width; j++) {
            gainScratch[j] = gb.get(go + j);
            biasScratch[j] = bb.get(bo + j);
        }
        for (int r = 0; r < n; r++) {
            int xi = x.index(r, 0);
            int o = r * width;
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += xb.get(xi + j);
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double dv = xb.get(xi + j) - mean;
                var += dv * dv;
            }
            double is = 1.0 / Math.sqrt(var / width + EPS);
            invStd[r] = is;
            for (int j = 0; j < width; j++) {
                double h = (xb.get(xi + j) - mean) * is;
                hb.set(o + j, h);
                ob.set(o + j, gainScratch[j] * h + biasScratch[j]);
            }
        }
        return out;
    }

    /**
     * dL/dx for the last forward, into {@link #inputGrad()}:
     * {@code dx = (g' − mean(g') − x̂·mean(g' ⊙ x̂))/σ} with {@code g' = γ ⊙ g}.
     *
     * @param g dL/dy, {@code n × width}, row stride {@code g.cols()}
     * @param n active rows
     * @param accumulateParams whether to add dL/dγ and dL/dβ
     */
    void backward(Mat g, int n, boolean accumulateParams) {
        Buffer gbuf = g.buffer();
        Buffer hb = normalized.buffer();
        Buffer db = dx.buffer();
        Buffer gain0 = gain.value().buffer();
        int go = gain.value().offset();
        double[] gammaGrad = gainScratch;
        double[] betaGrad = biasScratch;
        java.util.Arrays.fill(gammaGrad, 0.0);
        java.util.Arrays.fill(betaGrad, 0.0);
        for (int r = 0; r < n; r++) {
            int gi = g.index(r, 0);
            int o = r * width;
            double meanG = 0;
            double meanGh = 0;
            for (int j = 0; j < width; j++) {
                double gv = gbuf.get(gi + j);
                double h = hb.get(o + j);
                double gp = gv * gain0.get(go + j);
                meanG += gp;
                meanGh += gp * h;
                gammaGrad[j] += gv * h;
                betaGrad[j] += gv;
            }
            meanG /= width;
            meanGh /= width;
            double is = invStd[r];
            for (int j = 0; j < width; j++) {
                double gp = gbuf.get(gi + j) * gain0.get(go + j);
                db.set(o + j, is * (gp - meanG - hb.get(o + j) * meanGh));
            }
        }
        if (accumulateParams) {
            addRow(gain.grad(), gammaGrad);
            addRow(bias.grad(), betaGrad);
        }
    }

    private static void addRow(Mat grad, double[] row) {
        Buffer b = grad.buffer();
        int o = grad.offset();
        for (int j = 0; j < row.length; j++) {
            b.add(o + j, row[j]);
        }
    }

    Mat inputGrad() {
        return dx;
    }
}
