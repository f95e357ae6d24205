package org.sbi4j.nn;

/**
 * The element-wise part of a masked affine autoregressive flow: {@code y = x·s + m} from two raw parameters
 * {@code (u, m)}, with {@code s = softplus(u + c) + 10⁻³} and {@code c} chosen so that {@code u = 0} gives
 * {@code s = 1} (as in nflows).
 */
final class AffineBijection implements ElementwiseBijection {

    private static final double MIN_SCALE = 1e-3;
    private static final double SHIFT = Math.log(Math.expm1(1.0 - MIN_SCALE));

    private double logDet;

    static double scale(double u) {
        return RationalQuadraticSpline.softplus(u + SHIFT) + MIN_SCALE;
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public void ensureSlots(int slots) {
        // nothing to cache: the backward pass recomputes the scale
    }

    @Override
    public double forward(Buffer p, int po, double x, int slot) {
        double s = scale(p.get(po));
        logDet = Math.log(s);
        return x * s + p.get(po + 1);
    }

    @Override
    public double backward(Buffer p, int po, double x, double gy, double gl, Buffer gp, int gpo, int slot) {
        double u = p.get(po);
        double s = scale(u);
        double gs = gy * x + gl / s;
        gp.set(gpo, gs * RationalQuadraticSpline.sigmoid(u + SHIFT));
        gp.set(gpo + 1, gy);
        return gy * s;
    }

    @Override
    public double inverse(Buffer p, int po, double y) {
        double s = scale(p.get(po));
        logDet = Math.log(s);
        return (y - p.get(po + 1)) / s;
    }

    @Override
    public double logDet() {
        return logDet;
    }
}
