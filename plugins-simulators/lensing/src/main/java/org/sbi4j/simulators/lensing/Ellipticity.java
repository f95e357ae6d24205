package org.sbi4j.simulators.lensing;

/**
 * The lenstronomy ellipticity convention, shared by mass and light: (e1, e2) ↦ axis ratio
 * q = (1 − |e|)/(1 + |e|) and position angle φ = ½·atan2(e2, e1). q is clipped to [q_min, 1], which is the same
 * as shrinking (e1, e2) radially to |e| ≤ (1 − q_min)/(1 + q_min).
 *
 * <p>For the light profiles the squared elliptical radius R² = q·x'² + y'²/q (x', y' rotated by φ) is written
 * without trigonometry as the quadratic form A·dx² + 2B·dx·dy + C·dy² with
 * A = (1 + |e|² − 2e1)/(1 − |e|²), B = −2e2/(1 − |e|²), C = (1 + |e|² + 2e1)/(1 − |e|²): smooth in (e1, e2) even
 * at e = 0, where φ is undefined. Derivatives are mapped back to (e1, e2) through the clipping.
 *
 * <p>Mutable scratch: one instance per thread, reset with {@link #set}.
 */
final class Ellipticity {
    private double rawE1;
    private double rawE2;
    private double rawModulus;
    private boolean clipped;
    private double maxModulus;
    /** The clipped components. */
    double e1;
    double e2;
    /** |e| after clipping. */
    double modulus;
    double q;
    double cosPhi;
    double sinPhi;
    double formA;
    double formB;
    double formC;

    /**
     * @param e1 first component
     * @param e2 second component
     * @param minAxisRatio q_min in (0, 1)
     * @return this
     */
    Ellipticity set(double e1, double e2, double minAxisRatio) {
        this.rawE1 = e1;
        this.rawE2 = e2;
        this.maxModulus = (1 - minAxisRatio) / (1 + minAxisRatio);
        this.rawModulus = Math.sqrt(e1 * e1 + e2 * e2);
        this.clipped = rawModulus > maxModulus;
        double scale = clipped ? maxModulus / rawModulus : 1;
        this.e1 = e1 * scale;
        this.e2 = e2 * scale;
        this.modulus = clipped ? maxModulus : rawModulus;
        this.q = (1 - modulus) / (1 + modulus);
        double phi = modulus > 0 ? 0.5 * Math.atan2(this.e2, this.e1) : 0;
        this.cosPhi = Math.cos(phi);
        this.sinPhi = Math.sin(phi);
        double e2sum = modulus * modulus;
        double den = 1 - e2sum;
        this.formA = (1 + e2sum - 2 * this.e1) / den;
        this.formB = -2 * this.e2 / den;
        this.formC = (1 + e2sum + 2 * this.e1) / den;
        return this;
    }

    /**
     * Maps gradients with respect to the quadratic-form coefficients to (e1, e2).
     *
     * @param gA ∂/∂A
     * @param gB ∂/∂B
     * @param gC ∂/∂C
     * @param out receives ∂/∂e1 and ∂/∂e2 at {@code out[offset]} and {@code out[offset + 1]} (added)
     * @param offset where to add
     */
    void addFormGradient(double gA, double gB, double gC, double[] out, int offset) {
        double den = 1 - modulus * modulus;
        // ∂(N/den)/∂e_k = (∂N/∂e_k + 2·e_k·N/den)/den
        double g1 = (gA * (2 * e1 - 2 + 2 * e1 * formA) + gB * (2 * e1 * formB) + gC * (2 * e1 + 2 + 2 * e1 * formC))
                / den;
        double g2 = (gA * (2 * e2 + 2 * e2 * formA) + gB * (-2 + 2 * e2 * formB) + gC * (2 * e2 + 2 * e2 * formC))
                / den;
        addThroughClip(g1, g2, out, offset);
    }

    /**
     * Maps gradients with respect to (q, φ) to (e1, e2). At e = 0 (where φ is undefined) nothing is added.
     *
     * @param gq ∂/∂q
     * @param gPhi ∂/∂φ
     * @param out receives ∂/∂e1 and ∂/∂e2 (added)
     * @param offset where to add
     */
    void addAxisRatioAngleGradient(double gq, double gPhi, double[] out, int offset) {
        if (modulus == 0) {
            return;
        }
        double dqdm = -2 / ((1 + modulus) * (1 + modulus));
        double m2 = modulus * modulus;
        double g1 = gq * dqdm * e1 / modulus - gPhi * e2 / (2 * m2);
        double g2 = gq * dqdm * e2 / modulus + gPhi * e1 / (2 * m2);
        addThroughClip(g1, g2, out, offset);
    }

    private void addThroughClip(double g1, double g2, double[] out, int offset) {
        if (!clipped) {
            out[offset] += g1;
            out[offset + 1] += g2;
            return;
        }
        // ê = e_max·e/|e|: ∂ê_i/∂e_j = (e_max/|e|)(δ_ij − e_i e_j/|e|²)
        double s = maxModulus / rawModulus;
        double proj = (g1 * rawE1 + g2 * rawE2) / (rawModulus * rawModulus);
        out[offset] += s * (g1 - proj * rawE1);
        out[offset + 1] += s * (g2 - proj * rawE2);
    }
}
