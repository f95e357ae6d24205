package org.sbi4j.simulators.lensing;

/**
 * Ray tracing through a singular isothermal ellipsoid (SIE) plus external shear, β = θ − α_SIE(θ) − α_shear(θ),
 * with the reverse-mode derivative of β in the mass parameters.
 *
 * <p>In the SIE frame (rotated by φ about the centre), with ψ = √(q²x'² + y'²) and s_q = √(1 − q²):
 * α'_x = θ_E·√q/s_q·arctan(s_q x'/ψ) and α'_y = θ_E·√q/s_q·artanh(s_q y'/ψ), rotated back to the sky.
 * Its convergence is κ = (θ_E/2)/√(q x'² + y'²/q). When 1 − q &lt; {@value #SIS_THRESHOLD} the singular isothermal
 * sphere α = θ_E·(x', y')/r' is used instead (the SIE's limit, continuous to O(1 − q)). A tiny ε is added to ψ so
 * that the centre gives α = 0 rather than 0/0; s_q = 2√|e|/(1 + |e|) is computed without cancellation; the artanh
 * argument needs no clamp because q ≥ q_min &gt; 0 keeps it at most s_q &lt; 1 in absolute value.
 *
 * <p>The external shear acts about the origin: α_x = γ1·x + γ2·y, α_y = γ2·x − γ1·y.
 *
 * <p>Derivatives (all exact): the Jacobian of α' in (x', y') is θ_E√q/(ψ r'²)·[[y'², −x'y'], [−x'y', x'²]]
 * (its trace is 2κ, it is symmetric so the curl vanishes); ∂α'_x/∂q = θ_E[(1 + q²)/(2q s_q²)·α'_x/θ_E
 * − √q q x'/(s_q² ψ)] and ∂α'_y/∂q = θ_E[(1 + q²)/(2q s_q²)·α'_y/θ_E − √q y'/(q s_q² ψ)]; a rotation by φ gives
 * ∂/∂φ through x' and through the back-rotation. {@link Ellipticity} maps (q, φ) to (e1, e2). In the SIS branch the
 * deflection does not depend on (e1, e2), so their gradient is 0 there.
 *
 * <p>Mutable scratch: one instance per thread. {@link #set} fixes the parameters of one image.
 */
final class MassModel {
    /** Below this 1 − q the SIS form is used. */
    static final double SIS_THRESHOLD = 1e-4;
    private static final double PSI_EPSILON = 1e-15;
    private static final double R2_EPSILON = 1e-30;

    private final double minAxisRatio;
    private final Ellipticity ellipticity = new Ellipticity();
    private double thetaE;
    private double centreX;
    private double centreY;
    private double shear1;
    private double shear2;
    private boolean sis;
    private double q2;
    private double sqrtQ;
    private double sq;
    private double unitScale;
    private double dUnitScale;
    private double qCoefX;
    private double qCoefY;

    private double gThetaE;
    private double gCentreX;
    private double gCentreY;
    private double gQ;
    private double gPhi;
    private double gShear1;
    private double gShear2;

    private final double[] atanArgument;
    private final double[] logArgument;

    /**
     * @param minAxisRatio q_min of the ellipticity clipping
     * @param capacity the most rays one call may pass
     */
    MassModel(double minAxisRatio, int capacity) {
        this.minAxisRatio = minAxisRatio;
        this.atanArgument = new double[capacity];
        this.logArgument = new double[capacity];
    }

    /**
     * Fixes the parameters of one image and clears the gradient accumulators.
     *
     * @param thetaE Einstein radius θ_E
     * @param x SIE centre x
     * @param y SIE centre y
     * @param e1 SIE ellipticity e1
     * @param e2 SIE ellipticity e2
     * @param g1 shear γ1
     * @param g2 shear γ2
     * @return this
     */
    MassModel set(double thetaE, double x, double y, double e1, double e2, double g1, double g2) {
        this.thetaE = thetaE;
        this.centreX = x;
        this.centreY = y;
        this.shear1 = g1;
        this.shear2 = g2;
        Ellipticity ell = ellipticity.set(e1, e2, minAxisRatio);
        double q = ell.q;
        this.sis = 1 - q < SIS_THRESHOLD;
        this.q2 = q * q;
        this.sqrtQ = Math.sqrt(q);
        this.sq = 2 * Math.sqrt(ell.modulus) / (1 + ell.modulus);
        double sq2 = sq * sq;
        this.unitScale = sis ? 1 : sqrtQ / sq;
        this.dUnitScale = (1 + q2) / (2 * q * sq2);
        this.qCoefX = sqrtQ * q / sq2;
        this.qCoefY = sqrtQ / (q * sq2);
        gThetaE = 0;
        gCentreX = 0;
        gCentreY = 0;
        gQ = 0;
        gPhi = 0;
        gShear1 = 0;
        gShear2 = 0;
        return this;
    }

    /** Whether the current parameters use the SIS limit. */
    boolean isSis() {
        return sis;
    }

    /**
     * Traces one row of rays at height y.
     *
     * @param y the row's y coordinate
     * @param xs x coordinates
     * @param n number of rays
     * @param betaX source-plane x out
     * @param betaY source-plane y out
     * @param unitX the SIE-frame deflection divided by θ_E, out (kept for {@link #backwardRow})
     * @param unitY likewise for y
     */
    void traceRow(double y, double[] xs, int n, double[] betaX, double[] betaY, double[] unitX, double[] unitY) {
        final double c = ellipticity.cosPhi;
        final double s = ellipticity.sinPhi;
        final double b = thetaE;
        final double xc = centreX;
        final double g1 = shear1;
        final double g2 = shear2;
        final double dy = y - centreY;
        final double sdy = s * dy;
        final double cdy = c * dy;
        final double shearY1 = g2 * y;
        final double shearY2 = -g1 * y;
        if (sis) {
            for (int i = 0; i < n; i++) {
                double x = xs[i];
                double dx = x - xc;
                double xp = c * dx + sdy;
                double yp = cdy - s * dx;
                double r = Math.sqrt(xp * xp + yp * yp) + PSI_EPSILON;
                double ux = xp / r;
                double uy = yp / r;
                unitX[i] = ux;
                unitY[i] = uy;
                double ax = b * (c * ux - s * uy) + g1 * x + shearY1;
                double ay = b * (s * ux + c * uy) + g2 * x + shearY2;
                betaX[i] = x - ax;
                betaY[i] = y - ay;
            }
            return;
        }
        // separate passes keep each loop short, so that the CPU overlaps many independent iterations
        final double qq = q2;
        final double sqq = sq;
        final double[] u = atanArgument;
        final double[] ratio = logArgument;
        for (int i = 0; i < n; i++) {
            double dx = xs[i] - xc;
            double xp = c * dx + sdy;
            double yp = cdy - s * dx;
            double psi = Math.sqrt(qq * xp * xp + yp * yp) + PSI_EPSILON;
            double syp = sqq * yp;
            u[i] = sqq * xp / psi;
            ratio[i] = (psi + syp) / (psi - syp);
        }
        final double k = unitScale;
        for (int i = 0; i < n; i++) {
            unitX[i] = k * Elementary.atan(u[i]);
        }
        final double halfK = 0.5 * unitScale;
        for (int i = 0; i < n; i++) {
            unitY[i] = halfK * Elementary.log(ratio[i]);
        }
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double ux = unitX[i];
            double uy = unitY[i];
            double ax = b * (c * ux - s * uy) + g1 * x + shearY1;
            double ay = b * (s * ux + c * uy) + g2 * x + shearY2;
            betaX[i] = x - ax;
            betaY[i] = y - ay;
        }
    }

    /**
     * Back-propagates cotangents of β for one row traced by {@link #traceRow} with the same arguments,
     * accumulating the gradient of the mass parameters.
     *
     * @param y the row's y coordinate
     * @param xs x coordinates
     * @param n number of rays
     * @param gBetaX ∂L/∂β_x per ray
     * @param gBetaY ∂L/∂β_y per ray
     * @param unitX as filled by {@link #traceRow}
     * @param unitY as filled by {@link #traceRow}
     */
    void backwardRow(double y, double[] xs, int n, double[] gBetaX, double[] gBetaY, double[] unitX,
                     double[] unitY) {
        final double c = ellipticity.cosPhi;
        final double s = ellipticity.sinPhi;
        final double b = thetaE;
        final double xc = centreX;
        final double dy = y - centreY;
        final double sdy = s * dy;
        final double cdy = c * dy;
        final double qq = sis ? 1 : q2;
        final double jac = b * (sis ? 1 : sqrtQ);
        final double dk = dUnitScale;
        final double cx = qCoefX;
        final double cy = qCoefY;
        final boolean withQ = !sis;
        double sB = 0;
        double sX = 0;
        double sY = 0;
        double sQ = 0;
        double sPhi = 0;
        double sG1 = 0;
        double sG2 = 0;
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double gax = -gBetaX[i];
            double gay = -gBetaY[i];
            sG1 += gax * x - gay * y;
            sG2 += gax * y + gay * x;
            double gaxp = c * gax + s * gay;
            double gayp = c * gay - s * gax;
            double ux = unitX[i];
            double uy = unitY[i];
            sB += gaxp * ux + gayp * uy;
            sPhi += b * (ux * gayp - uy * gaxp);
            double dx = x - xc;
            double xp = c * dx + sdy;
            double yp = cdy - s * dx;
            double r2 = xp * xp + yp * yp + R2_EPSILON;
            double psi = Math.sqrt(qq * xp * xp + yp * yp) + PSI_EPSILON;
            if (withQ) {
                sQ += gaxp * (dk * ux - cx * xp / psi) + gayp * (dk * uy - cy * yp / psi);
            }
            double h = jac / (psi * r2);
            double xy = xp * yp;
            double gxp = h * (yp * yp * gaxp - xy * gayp);
            double gyp = h * (xp * xp * gayp - xy * gaxp);
            sPhi += gxp * yp - gyp * xp;
            sX -= c * gxp - s * gyp;
            sY -= s * gxp + c * gyp;
        }
        gThetaE += sB;
        gCentreX += sX;
        gCentreY += sY;
        gQ += b * sQ;
        gPhi += sPhi;
        gShear1 += sG1;
        gShear2 += sG2;
    }

    /**
     * Adds the accumulated gradient to a full parameter gradient (SIE and shear slots).
     *
     * @param grad gradient in the canonical {@link LensParameter} order
     */
    void addGradient(double[] grad) {
        grad[LensParameter.THETA_E.index()] += gThetaE;
        grad[LensParameter.LENS_X.index()] += gCentreX;
        grad[LensParameter.LENS_Y.index()] += gCentreY;
        grad[LensParameter.SHEAR_G1.index()] += gShear1;
        grad[LensParameter.SHEAR_G2.index()] += gShear2;
        if (!sis) {
            ellipticity.addAxisRatioAngleGradient(gQ, gPhi, grad, LensParameter.LENS_E1.index());
        }
    }

    /**
     * The total deflection (SIE plus shear) at one point, for checks; allocates.
     *
     * @param x sky x
     * @param y sky y
     * @return {α_x, α_y}
     */
    double[] deflection(double x, double y) {
        double[] bx = new double[1];
        double[] by = new double[1];
        traceRow(y, new double[] {x}, 1, bx, by, new double[1], new double[1]);
        return new double[] {x - bx[0], y - by[0]};
    }

    /**
     * The SIE convergence κ at one point, for checks.
     *
     * @param x sky x
     * @param y sky y
     * @return κ
     */
    double convergence(double x, double y) {
        double dx = x - centreX;
        double dy = y - centreY;
        double c = ellipticity.cosPhi;
        double s = ellipticity.sinPhi;
        double xp = c * dx + s * dy;
        double yp = c * dy - s * dx;
        double q = ellipticity.q;
        return 0.5 * thetaE / Math.sqrt(q * xp * xp + yp * yp / q);
    }

    /** The axis ratio after clipping. */
    double axisRatio() {
        return ellipticity.q;
    }
}
