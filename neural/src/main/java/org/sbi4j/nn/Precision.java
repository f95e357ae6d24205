package org.sbi4j.nn;

/**
 * Floating-point precision of a model's buffers. Training runs in {@link #FLOAT32}; the same code runs in
 * {@link #FLOAT64} for gradient checks against finite differences. Java-side element arithmetic is always
 * done in {@code double}; only storage and BLAS calls differ.
 */
public enum Precision {
    /** 32-bit floats: training and inference. */
    FLOAT32,
    /** 64-bit floats: gradient checks and reference computations. */
    FLOAT64
}
