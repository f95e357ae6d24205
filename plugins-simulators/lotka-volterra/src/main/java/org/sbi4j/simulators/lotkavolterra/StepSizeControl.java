package org.sbi4j.simulators.lotkavolterra;

/**
 * The PI step-size controller shared by the Dormand–Prince integrators, on cheap continuous approximations
 * of log₂ and 2ˣ (a step-size ratio is a heuristic, so ~1e-3 accuracy suffices; continuity keeps the numerical
 * solution a continuous function of θ between changes of the step count).
 *
 * <p>After an accepted step with error norm err: ratio = 0.9 · err^(−(1/5 − 0.75β)) · errOld^β, β = 0.04
 * (Hairer's DOPRI5 defaults), limited to [1/5, 10] and to at most 1 right after a rejection. After a
 * rejection: ratio = max(1/5, 0.9 · err^(−(1/5 − 0.75β))).
 */
final class StepSizeControl {
    static final double BETA = 0.04;
    static final double EXPONENT = 0.2 - 0.75 * BETA;
    static final double SAFETY = 0.9;
    static final double MIN_RATIO = 0.2;
    static final double MAX_RATIO = 10.0;
    /** log₂ of the smallest error norm remembered as errOld (1e-4), in the units of {@link #log2}. */
    static final double LOG2_ERR_FLOOR = -13.287712379549449;

    // 2^f ≈ 1 + f(E1 + f(E2 + f·E3)) on [0, 1], exact at both ends; relative error < 1.2e-4
    private static final double EXP2_C1 = 0.6955020102552258;
    private static final double EXP2_C2 = 0.22626981564297854;
    private static final double EXP2_C3 = 1 - EXP2_C1 - EXP2_C2;
    // log₂(1 + u) ≈ u(L1 + u(L2 + u·L3)) on [0, 1], exact at both ends; absolute error < 1.1e-3
    private static final double LOG2_C1 = 1.4208645374301048;
    private static final double LOG2_C2 = -0.5772506508064721;
    private static final double LOG2_C3 = 1 - LOG2_C1 - LOG2_C2;

    private StepSizeControl() {
    }

    /**
     * Approximate log₂ of the error norm from its square, floored at 1e-10.
     *
     * @param errorSquared the squared error norm, positive or +∞
     */
    static double log2Error(double errorSquared) {
        return 0.5 * log2(Math.max(errorSquared, 1e-20));
    }

    /** Step-size ratio after an accepted step. */
    static double acceptedRatio(double log2Err, double log2ErrOld, boolean lastRejected) {
        double ratio = SAFETY * exp2(-EXPONENT * log2Err + BETA * log2ErrOld);
        ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
        return lastRejected ? Math.min(ratio, 1.0) : ratio;
    }

    /** Step-size ratio after a rejected step (a NaN error shrinks by the smallest ratio). */
    static double rejectedRatio(double errorSquared) {
        if (Double.isNaN(errorSquared)) {
            return MIN_RATIO;
        }
        return Math.max(MIN_RATIO, SAFETY * exp2(-EXPONENT * log2Error(errorSquared)));
    }

    /** Approximate log₂ x for positive normal x or +∞ (continuous, monotone, exact at powers of 2). */
    static double log2(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        double u = Double.longBitsToDouble((bits & 0x000f_ffff_ffff_ffffL) | 0x3ff0_0000_0000_0000L) - 1.0;
        return exponent + u * (LOG2_C1 + u * (LOG2_C2 + u * LOG2_C3));
    }

    /** Approximate 2^y, continuous, exact at integers; y is limited to [−1000, 1000]. */
    static double exp2(double y) {
        double clamped = Math.max(-1000, Math.min(1000, y));
        double n = Math.floor(clamped);
        double f = clamped - n;
        double p = 1 + f * (EXP2_C1 + f * (EXP2_C2 + f * EXP2_C3));
        return p * Double.longBitsToDouble((long) ((int) n + 1023) << 52);
    }
}
