package org.sbi4j.nn;

/**
 * A batched map {@code θ ↦ v(θ)} from {@code R^d} to {@code R^d} per row (rows independent) that, after its
 * forward pass, returns vector–Jacobian products {@code uᵀ·∂v/∂θ} row by row, any number of times.
 */
public interface VectorJacobianProduct {

    /** The dimension d of θ and of v. */
    int thetaDim();

    /** The precision of the matrices it takes and returns. */
    Precision precision();

    /**
     * {@code (uᵀ·∂v_r/∂θ_r)} for every row r of the last forward pass.
     *
     * @param u {@code n × d}
     * @param n rows
     * @return {@code n × d}, a workspace valid until the next call
     */
    Mat vectorJacobianProduct(Mat u, int n);
}
