package org.sbi4j.runtime.diagnostics;

/**
 * Adam as scikit-learn's {@code AdamOptimizer} applies it: the bias corrections are folded into the step size,
 * {@code lr·sqrt(1-β2^t)/(1-β1^t)}, and ε is added to the uncorrected {@code sqrt(v)}.
 */
final class Adam {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[][] m;
    private final double[][] v;
    private long t;

    Adam(double[][] params, double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        m = new double[params.length][];
        v = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
            m[i] = new double[params[i].length];
            v[i] = new double[params[i].length];
        }
    }

    /** One update of every parameter array from its gradient (same order as at construction). */
    void step(double[][] params, double[][] grads) {
        t++;
        double lr = learningRate * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
        double c1 = 1.0 - beta1;
        double c2 = 1.0 - beta2;
        for (int p = 0; p < params.length; p++) {
            double[] w = params[p];
            double[] g = grads[p];
            double[] mp = m[p];
            double[] vp = v[p];
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                double mi = beta1 * mp[i] + c1 * gi;
                double vi = beta2 * vp[i] + c2 * (gi * gi);
                mp[i] = mi;
                vp[i] = vi;
                w[i] -= lr * mi / (Math.sqrt(vi) + epsilon);
            }
        }
    }
}
