package org.sbi4j.nn;

/**
 * Element-wise nonlinearities with their derivatives. GELU uses the tanh approximation
 * {@code 0.5·z·(1 + tanh(√(2/π)(z + 0.044715 z³)))} so that its derivative is exact in closed form; tanh is
 * computed from {@code Math.exp} (an intrinsic; {@code Math.tanh} is a slow native call on JDK 17). The fused
 * batch kernels switch once per call, so their loops are monomorphic, and except for GELU they need only the
 * activations (not the pre-activations) for the backward pass.
 */
public enum Activation {
    /** {@code a = z}. */
    IDENTITY,
    /** {@code a = max(z, 0)}. */
    RELU,
    /** {@code a = tanh(z)}. */
    TANH,
    /** {@code a = z} for {@code z > 0}, else {@code exp(z) − 1}. */
    ELU,
    /** Gaussian error linear unit, tanh approximation. */
    GELU;

    static final double GELU_C = Math.sqrt(2.0 / Math.PI);
    static final double GELU_A = 0.044715;

    /** Whether the backward pass needs the pre-activations (only GELU). */
    public boolean needsPreActivation() {
        return this == GELU;
    }

    /** The activation of a pre-activation {@code z}. */
    public double apply(double z) {
        return switch (this) {
            case IDENTITY -> z;
            case RELU -> z > 0.0 ? z : 0.0;
            case TANH -> tanh(z);
            case ELU -> elu(z);
            case GELU -> gelu(z);
        };
    }

    /**
     * The derivative da/dz.
     *
     * @param z pre-activation
     * @param a {@code apply(z)}
     * @return da/dz
     */
    public double derivative(double z, double a) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case RELU -> z > 0.0 ? 1.0 : 0.0;
            case TANH -> 1.0 - a * a;
            case ELU -> z > 0.0 ? 1.0 : a + 1.0;
            case GELU -> geluDerivative(z);
        };
    }

    /**
     * In place over {@code n} rows of width {@code out} starting at {@code base}:
     * {@code a ← act(a + bias)}; for GELU the pre-activations are also stored in {@code z}.
     *
     * @param a values (gemm output) at {@code base}, row stride {@code out}
     * @param base index of element (0, 0)
     * @param bias per-column bias
     * @param n rows
     * @param out columns
     * @param z where pre-activations go when {@link #needsPreActivation()} (same layout), else ignored
     */
    public void forwardBias(Buffer a, int base, double[] bias, int n, int out, Buffer z) {
        switch (this) {
            case IDENTITY -> {
                for (int r = 0; r < n; r++) {
                    int o = base + r * out;
                    for (int j = 0; j < out; j++) {
                        a.set(o + j, a.get(o + j) + bias[j]);
                    }
                }
            }
            case RELU -> {
                for (int r = 0; r < n; r++) {
                    int o = base + r * out;
                    for (int j = 0; j < out; j++) {
                        // a ternary, not Math.max: Math.max(double) handles NaN/−0 and is ~3× slower here
                        double v = a.get(o + j) + bias[j];
                        a.set(o + j, v > 0.0 ? v : 0.0);
                    }
                }
            }
            case TANH -> {
                for (int r = 0; r < n; r++) {
                    int o = base + r * out;
                    for (int j = 0; j < out; j++) {
                        a.set(o + j, tanh(a.get(o + j) + bias[j]));
                    }
                }
            }
            case ELU -> {
                for (int r = 0; r < n; r++) {
                    int o = base + r * out;
                    for (int j = 0; j < out; j++) {
                        a.set(o + j, elu(a.get(o + j) + bias[j]));
                    }
                }
            }
            case GELU -> {
                for (int r = 0; r < n; r++) {
                    int o = base + r * out;
                    for (int j = 0; j < out; j++) {
                        double v = a.get(o + j) + bias[j];
                        z.set(o + j, v);
                        a.set(o + j, gelu(v));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * {@code a[i] = act(z[i])} for {@code i} in {@code [0, count)}, not in place: the pre-activations stay, so
     * {@link #backwardBias} can read them (pass {@code z} there) for any number of backward passes.
     *
     * @param z pre-activations from index 0
     * @param a destination from index 0 (a different buffer)
     * @param count number of elements
     */
    public void forward(Buffer z, Buffer a, int count) {
        switch (this) {
            case IDENTITY -> a.copyFrom(z, 0, 0, count);
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    double v = z.get(i);
                    a.set(i, v > 0.0 ? v : 0.0);
                }
            }
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    a.set(i, tanh(z.get(i)));
                }
            }
            case ELU -> {
                for (int i = 0; i < count; i++) {
                    a.set(i, elu(z.get(i)));
                }
            }
            case GELU -> {
                for (int i = 0; i < count; i++) {
                    a.set(i, gelu(z.get(i)));
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * {@code da[i] = act'(z[i])} for {@code i} in {@code [0, count)}, for a caller that applies the same
     * derivatives in several backward passes (each then costs one multiply per element).
     *
     * @param z pre-activations from index 0
     * @param a activations {@code act(z)} from index 0
     * @param da destination from index 0
     * @param count number of elements
     */
    public void derivative(Buffer z, Buffer a, Buffer da, int count) {
        switch (this) {
            case IDENTITY -> da.fill(0, count, 1.0);
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    da.set(i, z.get(i) > 0.0 ? 1.0 : 0.0);
                }
            }
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    double av = a.get(i);
                    da.set(i, 1.0 - av * av);
                }
            }
            case ELU -> {
                for (int i = 0; i < count; i++) {
                    double av = a.get(i);
                    da.set(i, av > 0.0 ? 1.0 : av + 1.0);
                }
            }
            case GELU -> {
                for (int i = 0; i < count; i++) {
                    da.set(i, geluDerivative(z.get(i)));
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * {@code dz = g ⊙ act'} over {@code n} rows of width {@code out}, with the column sums ADDED to
     * {@code biasGrad}.
     *
     * @param g upstream gradient, row {@code r} at {@code g0 + r·gStride}
     * @param g0 index of g's element (0, 0)
     * @param gStride row stride of g
     * @param a activations (row stride {@code out}, from index 0)
     * @param z pre-activations (GELU only; same layout as a)
     * @param dz destination (row stride {@code out}, from index 0); may be ignored for the identity
     * @param biasGrad per-column accumulator
     * @param n rows
     * @param out columns
     */
    public void backwardBias(Buffer g, int g0, int gStride, Buffer a, Buffer z, Buffer dz, double[] biasGrad,
                             int n, int out) {
        switch (this) {
            case IDENTITY -> {
                for (int r = 0; r < n; r++) {
                    int gi = g0 + r * gStride;
                    for (int j = 0; j < out; j++) {
                        biasGrad[j] += g.get(gi + j);
                    }
                }
            }
            case RELU -> {
                for (int r = 0; r < n; r++) {
                    int gi = g0 + r * gStride;
                    int o = r * out;
                    for (int j = 0; j < out; j++) {
                        double d = a.get(o + j) > 0.0 ? g.get(gi + j) : 0.0;
                        dz.set(o + j, d);
                        biasGrad[j] += d;
                    }
                }
            }
            case TANH -> {
                for (int r = 0; r < n; r++) {
                    int gi = g0 + r * gStride;
                    int o = r * out;
                    for (int j = 0; j < out; j++) {
                        double av = a.get(o + j);
                        double d = g.get(gi + j) * (1.0 - av * av);
                        dz.set(o + j, d);
                        biasGrad[j] += d;
                    }
                }
            }
            case ELU -> {
                for (int r = 0; r < n; r++) {
                    int gi = g0 + r * gStride;
                    int o = r * out;
                    for (int j = 0; j < out; j++) {
                        double av = a.get(o + j);
                        double d = g.get(gi + j) * (av > 0.0 ? 1.0 : av + 1.0);
                        dz.set(o + j, d);
                        biasGrad[j] += d;
                    }
                }
            }
            case GELU -> {
                for (int r = 0; r < n; r++) {
                    int gi = g0 + r * gStride;
                    int o = r * out;
                    for (int j = 0; j < out; j++) {
                        double d = g.get(gi + j) * geluDerivative(z.get(o + j));
                        dz.set(o + j, d);
                        biasGrad[j] += d;
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** tanh from one {@code Math.exp}; absolute error ~1e-16. */
    static double tanh(double z) {
        double t = Math.exp(-2.0 * Math.abs(z));
        double v = (1.0 - t) / (1.0 + t);
        return z < 0 ? -v : v;
    }

    private static double elu(double z) {
        return z > 0.0 ? z : Math.exp(z) - 1.0;
    }

    private static double gelu(double z) {
        return 0.5 * z * (1.0 + tanh(GELU_C * (z + GELU_A * z * z * z)));
    }

    private static double geluDerivative(double z) {
        double t = tanh(GELU_C * (z + GELU_A * z * z * z));
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_A * z * z);
    }
}
