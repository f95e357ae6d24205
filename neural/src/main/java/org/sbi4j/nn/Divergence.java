package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The divergence {@code div_θ v = tr(∂v/∂θ)} per row of a {@link VectorJacobianProduct}, after its forward
 * pass: exact with d vector–Jacobian products (the unit vectors e_j give the Jacobian's j-th rows, whose j-th
 * entries sum to the trace), or Hutchinson's unbiased estimate {@code E[εᵀ(∂v/∂θ)ε]} with Rademacher probes ε
 * (Hutchinson 1990; FFJORD). The exact form costs d backward passes, the estimate one per probe; its variance
 * is the sum of the squared off-diagonal Jacobian entries per probe. Holds one {@code n × d} probe workspace.
 */
public final class Divergence {

    private final Precision precision;
    private final int d;
    private Mat probe;

    /**
     * @param precision of the fields it will be used with
     * @param d dimension of θ
     */
    public Divergence(Precision precision, int d) {
        this.precision = precision;
        this.d = d;
    }

    private void ensure(VectorJacobianProduct field, int n) {
        if (field.thetaDim() != d || field.precision() != precision) {
            throw new IllegalArgumentException("field of dimension " + field.thetaDim() + " " + field.precision()
                    + ", divergence set up for " + d + " " + precision);
        }
        if (probe == null || probe.rows() < n) {
            probe = Mat.zeros(precision, n, d);
        }
    }

    /**
     * Exact divergence per row.
     *
     * @param field a field after its forward pass on the rows
     * @param n rows
     * @param out per row (overwritten), length at least n
     */
    public void exact(VectorJacobianProduct field, int n, double[] out) {
        ensure(field, n);
        java.util.Arrays.fill(out, 0, n, 0.0);
        Buffer pb = probe.buffer();
        for (int j = 0; j < d; j++) {
            probe.zero(n);
            for (int r = 0; r < n; r++) {
                pb.set(r * d + j, 1.0);
            }
            Mat g = field.vectorJacobianProduct(probe, n);
            Buffer gb = g.buffer();
            for (int r = 0; r < n; r++) {
                out[r] += gb.get(g.index(r, j));
            }
        }
    }

    /**
     * Hutchinson estimate per row, averaged over {@code probes} Rademacher probes.
     *
     * @param field a field after its forward pass on the rows
     * @param n rows
     * @param probes number of probes per row (at least 1)
     * @param rng the probes' source
     * @param out per row (overwritten), length at least n
     */
    public void hutchinson(VectorJacobianProduct field, int n, int probes, UniformRandomProvider rng,
                           double[] out) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be at least 1, got " + probes);
        }
        ensure(field, n);
        java.util.Arrays.fill(out, 0, n, 0.0);
        Buffer pb = probe.buffer();
        int count = n * d;
        for (int p = 0; p < probes; p++) {
            long bits = 0;
            for (int i = 0; i < count; i++) {
                if ((i & 63) == 0) {
                    bits = rng.nextLong();
                }
                pb.set(i, (bits & 1L) == 0 ? 1.0 : -1.0);
                bits >>>= 1;
            }
            Mat g = field.vectorJacobianProduct(probe, n);
            Buffer gb = g.buffer();
            for (int r = 0; r < n; r++) {
                double s = 0;
                int gi = g.index(r, 0);
                for (int j = 0; j < d; j++) {
                    s += gb.get(gi + j) * pb.get(r * d + j);
                }
                out[r] += s;
            }
        }
        for (int r = 0; r < n; r++) {
            out[r] /= probes;
        }
    }
}
