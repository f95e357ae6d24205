package org.sbi4j.simulators.lensing;

import java.math.BigDecimal;

/**
 * Table-driven exp, log and atan that the JIT can inline into the rendering loops (the JDK's versions are
 * opaque calls, and {@code Math.atan} is not an intrinsic). Accurate to a few units in the last place: relative
 * error below 1e-15 for exp and atan, absolute error below 1e-15 for log; see {@code TestElementary}.
 *
 * <p>exp: x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, exp(x) = 2^m · 2^(j/32) · P6(r). log: x = 2^e·m with
 * m in [1, 2) and 0 ≤ m/c − 1 &lt; 1/128 for the left end c of one of 128 sub-intervals,
 * log(x) = e·ln2 + log c + P7(m/c − 1) (exactly 0 at x = 1).
 * atan: the argument (or its reciprocal) in [0, 1] is shifted by the nearest multiple c of 1/16,
 * atan(a) = atan(c) + atan((a − c)/(1 + ac)), with an odd Taylor polynomial for the remainder (|t| ≤ 1/32).
 */
final class Elementary {
    private static final int EXP_BITS = 5;
    private static final int EXP_SIZE = 1 << EXP_BITS;
    private static final double ROUNDING_SHIFT = 0x1.8p52;
    private static final double[] EXP_TABLE = new double[EXP_SIZE];
    private static final double INV_LN2_SCALED = EXP_SIZE / Math.log(2);
    private static final double LN2_SCALED_HI;
    private static final double LN2_SCALED_LO;
    private static final double LN2_HI;
    private static final double LN2_LO;
    private static final int LOG_BITS = 7;
    private static final int LOG_SIZE = 1 << LOG_BITS;
    private static final double[] LOG_INV_CENTRE = new double[LOG_SIZE];
    private static final double[] LOG_CENTRE = new double[LOG_SIZE];
    private static final int ATAN_STEPS = 16;
    private static final double[] ATAN_TABLE = new double[ATAN_STEPS + 1];
    private static final double HALF_PI = Math.PI / 2;
    /** exp of anything at or below this is returned as 0 (the true value is below 1e-307). */
    static final double EXP_UNDERFLOW = -708.0;

    static {
        BigDecimal ln2 = new BigDecimal("0.69314718055994530941723212145817656807550013436026");
        // hi parts keep 32 significant bits, so k·hi is exact for |k| < 2^21
        LN2_HI = truncate(ln2.doubleValue());
        LN2_LO = ln2.subtract(new BigDecimal(LN2_HI)).doubleValue();
        BigDecimal ln2Scaled = ln2.divide(BigDecimal.valueOf(EXP_SIZE));
        LN2_SCALED_HI = truncate(ln2Scaled.doubleValue());
        LN2_SCALED_LO = ln2Scaled.subtract(new BigDecimal(LN2_SCALED_HI)).doubleValue();
        for (int j = 0; j < EXP_SIZE; j++) {
            EXP_TABLE[j] = Math.pow(2, (double) j / EXP_SIZE);
        }
        for (int i = 0; i < LOG_SIZE; i++) {
            double centre = 1 + (double) i / LOG_SIZE;
            LOG_INV_CENTRE[i] = 1 / centre;
            LOG_CENTRE[i] = Math.log(centre);
        }
        for (int i = 0; i <= ATAN_STEPS; i++) {
            ATAN_TABLE[i] = Math.atan((double) i / ATAN_STEPS);
        }
    }

    private Elementary() {
    }

    private static double truncate(double v) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & 0xFFFFFFFFFFE00000L);
    }

    /** e^x; 0 for x ≤ {@value #EXP_UNDERFLOW}. */
    static double exp(double x) {
        if (!(x > EXP_UNDERFLOW && x < 709.0)) {
            return x <= EXP_UNDERFLOW ? 0.0 : Math.exp(x);
        }
        double kd = x * INV_LN2_SCALED + ROUNDING_SHIFT;
        int k = (int) Double.doubleToRawLongBits(kd);
        kd -= ROUNDING_SHIFT;
        double r = (x - kd * LN2_SCALED_HI) - kd * LN2_SCALED_LO;
        double p = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))));
        double scale = Double.longBitsToDouble((long) (1023 + (k >> EXP_BITS)) << 52);
        return EXP_TABLE[k & (EXP_SIZE - 1)] * p * scale;
    }

    /** Natural logarithm; positive normal arguments take the fast path, everything else {@link Math#log}. */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        if (bits < 0x0010000000000000L || bits >= 0x7FF0000000000000L) {
            return Math.log(x);
        }
        int e = (int) (bits >>> 52) - 1023;
        int i = (int) (bits >>> (52 - LOG_BITS)) & (LOG_SIZE - 1);
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double r = m * LOG_INV_CENTRE[i] - 1;
        double p = r * (1 + r * (-1.0 / 2 + r * (1.0 / 3 + r * (-1.0 / 4 + r * (1.0 / 5 + r * (-1.0 / 6
                + r * (1.0 / 7)))))));
        return e * LN2_HI + (LOG_CENTRE[i] + (p + e * LN2_LO));
    }

    /** Arctangent. */
    static double atan(double x) {
        double a = Math.abs(x);
        if (a > 1e300) {
            return Math.copySign(HALF_PI, x);
        }
        boolean inverted = a > 1;
        double num = inverted ? 1 : a;
        double den = inverted ? a : 1;
        int i = (int) (num / den * ATAN_STEPS + 0.5);
        double c = (double) i / ATAN_STEPS;
        double t = (num - c * den) / (den + c * num);
        double t2 = t * t;
        double r = ATAN_TABLE[i] + t * (1 + t2 * (-1.0 / 3 + t2 * (1.0 / 5 + t2 * (-1.0 / 7 + t2 * (1.0 / 9
                + t2 * (-1.0 / 11))))));
        if (inverted) {
            r = HALF_PI - r;
        }
        return Math.copySign(r, x);
    }
}
