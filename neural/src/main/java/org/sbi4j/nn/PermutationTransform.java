package org.sbi4j.nn;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** A fixed permutation of the features, {@code out[j] = in[perm[j]]}; volume-preserving, no parameters. */
public final class PermutationTransform implements FlowTransform {

    private final int[] perm;
    private final Precision precision;
    private int capacity;
    private Mat out;
    private Mat inv;
    private Mat gradIn;

    /**
     * A permutation layer.
     *
     * @param precision buffer precision
     * @param perm {@code out[j] = in[perm[j]]}; a permutation of {@code 0..d−1}
     */
    public PermutationTransform(Precision precision, int[] perm) {
        boolean[] seen = new boolean[perm.length];
        for (int p : perm) {
            if (p < 0 || p >= perm.length || seen[p]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            }
            seen[p] = true;
        }
        this.perm = perm.clone();
        this.precision = precision;
    }

    /** The reversal {@code d−1, …, 0}. */
    public static int[] reverse(int dim) {
        int[] p = new int[dim];
        for (int i = 0; i < dim; i++) {
            p[i] = dim - 1 - i;
        }
        return p;
    }

    /** A uniformly random permutation (Fisher–Yates) from {@code rng}. */
    public static int[] random(int dim, UniformRandomProvider rng) {
        int[] p = new int[dim];
        for (int i = 0; i < dim; i++) {
            p[i] = i;
        }
        for (int i = dim - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The permutation. */
    public int[] permutation() {
        return perm.clone();
    }

    @Override
    public int dimension() {
        return perm.length;
    }

    @Override
    public void ensureCapacity(int n) {
        if (n > capacity) {
            capacity = n;
            out = Mat.zeros(precision, n, perm.length);
            inv = Mat.zeros(precision, n, perm.length);
            gradIn = Mat.zeros(precision, n, perm.length);
        }
    }

    @Override
    public Mat forward(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < perm.length; j++) {
                out.set(r, j, in.get(r, perm[j]));
            }
        }
        return out;
    }

    @Override
    public Mat backward(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < perm.length; j++) {
                gradIn.set(r, perm[j], gradOut.get(r, j));
            }
        }
        return gradIn;
    }

    @Override
    public Mat backwardInputs(Mat gradOut, double[] gradLogDet, Mat gradContext, int n) {
        return backward(gradOut, gradLogDet, gradContext, n);
    }

    @Override
    public Mat inverse(Mat in, Mat context, int n, double[] logDet) {
        ensureCapacity(n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < perm.length; j++) {
                inv.set(r, perm[j], in.get(r, j));
            }
        }
        return inv;
    }
}
