package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;

/** The base (noise) distribution of a flow: log-density, its gradients, and sampling, batch-first. */
public interface BaseDistribution {

    /** Dimension. */
    int dimension();

    /** Grows workspaces to hold {@code n} rows. */
    void ensureCapacity(int n);

    /**
     * log p(z) per row.
     *
     * @param z points {@code n × d}
     * @param n active rows
     * @param out per row, log p(z) is WRITTEN
     */
    void logDensity(Mat z, int n, double[] out);

    /**
     * Backward of {@link #logDensity}: accumulates parameter gradients (if any) and writes dL/dz.
     *
     * @param z the points of the last call
     * @param n active rows
     * @param gradLogDensity dL/d(log p) per row
     * @param gradZ where dL/dz is WRITTEN ({@code n × d})
     */
    void backward(Mat z, int n, double[] gradLogDensity, Mat gradZ);

    /**
     * dL/dz of {@link #logDensity} without touching the parameter gradients (the same dL/dz as {@link #backward}).
     * The default suits a base without parameters.
     *
     * @param z the points of the last call
     * @param n active rows
     * @param gradLogDensity dL/d(log p) per row
     * @param gradZ where dL/dz is WRITTEN ({@code n × d})
     */
    default void backwardInputs(Mat z, int n, double[] gradLogDensity, Mat gradZ) {
        backward(z, n, gradLogDensity, gradZ);
    }

    /**
     * Draws {@code n} rows.
     *
     * @param n number of draws
     * @param rng randomness
     * @param out destination {@code n × d}
     */
    void sample(int n, UniformRandomProvider rng, Mat out);
}
