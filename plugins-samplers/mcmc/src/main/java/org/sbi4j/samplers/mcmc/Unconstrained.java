package org.sbi4j.samplers.mcmc;

import static java.util.Objects.requireNonNull;

import org.sbi4j.api.LogDensity;
import org.sbi4j.api.Prior;

/**
 * The target seen from unconstrained space u, chosen per coordinate from the prior's bounds: logit for a finite
 * interval (a, b), log(θ − a) for a lower bound only, log(b − θ) for an upper bound only, the identity otherwise.
 * The density in u is the target's in θ(u) times |dθ/du|, so the log-Jacobian is added to the log density and its
 * derivative to the gradient. Chains move in u; only their draws are mapped back to θ.
 */
final class Unconstrained {
    private enum Kind { IDENTITY, LOG_LOWER, LOG_UPPER, LOGIT }

    private final LogDensity target;
    private final Kind[] kinds;
    private final double[] lower;
    private final double[] upper;
    private long evaluations;

    /**
     * @param target the density in θ
     * @param prior the prior, whose bounds choose the transforms
     */
    Unconstrained(LogDensity target, Prior prior) {
        this(target, prior.lowerBounds(), prior.upperBounds());
    }

    Unconstrained(LogDensity target, double[] lower, double[] upper) {
        this.target = requireNonNull(target, "target is null");
        int d = target.dimension();
        if (lower.length != d || upper.length != d) {
            throw new IllegalArgumentException("bounds of length " + lower.length + ", " + upper.length + " for "
                    + d + " parameters");
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        kinds = new Kind[d];
        for (int i = 0; i < d; i++) {
            boolean lo = Double.isFinite(lower[i]);
            boolean hi = Double.isFinite(upper[i]);
            if (lo && hi && !(upper[i] > lower[i])) {
                throw new IllegalArgumentException("empty interval for parameter " + i + ": [" + lower[i] + ", "
                        + upper[i] + "]");
            }
            kinds[i] = lo && hi ? Kind.LOGIT : lo ? Kind.LOG_LOWER : hi ? Kind.LOG_UPPER : Kind.IDENTITY;
        }
    }

    int dimension() {
        return kinds.length;
    }

    boolean hasGradient() {
        return target.hasGradient();
    }

    /** Rows of the target (in θ) evaluated so far, gradients included. */
    long evaluations() {
        return evaluations;
    }

    /** θ → u; NaN where θ is not strictly inside the bounds. */
    double[] toUnconstrained(double[] theta) {
        double[] u = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            double v = theta[i];
            u[i] = switch (kinds[i]) {
                case IDENTITY -> v;
                case LOG_LOWER -> v > lower[i] ? Math.log(v - lower[i]) : Double.NaN;
                case LOG_UPPER -> v < upper[i] ? Math.log(upper[i] - v) : Double.NaN;
                case LOGIT -> {
                    if (!(v > lower[i] && v < upper[i])) {
                        yield Double.NaN;
                    }
                    double p = (v - lower[i]) / (upper[i] - lower[i]);
                    yield Math.log(p) - Math.log1p(-p);
                }
            };
        }
        return u;
    }

    /** u → θ. */
    double[] toConstrained(double[] u) {
        double[] theta = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            theta[i] = switch (kinds[i]) {
                case IDENTITY -> u[i];
                case LOG_LOWER -> lower[i] + Math.exp(u[i]);
                case LOG_UPPER -> upper[i] - Math.exp(u[i]);
                case LOGIT -> lower[i] + (upper[i] - lower[i]) * sigmoid(u[i]);
            };
        }
        return theta;
    }

    /** Σ log|dθ/du| at u. */
    double logJacobian(double[] u) {
        double out = 0;
        for (int i = 0; i < kinds.length; i++) {
            out += logJacobian(i, u[i]);
        }
        return out;
    }

    /** log|dθ/du| of coordinate i at u. */
    private double logJacobian(int i, double u) {
        return switch (kinds[i]) {
            case IDENTITY -> 0.0;
            case LOG_LOWER, LOG_UPPER -> u;
            case LOGIT -> Math.log(upper[i] - lower[i]) - softplus(-u) - softplus(u);
        };
    }

    /** d log|dθ/du| / du of coordinate i. */
    private double logJacobianDerivative(int i, double u) {
        return switch (kinds[i]) {
            case IDENTITY -> 0.0;
            case LOG_LOWER, LOG_UPPER -> 1.0;
            case LOGIT -> 1.0 - 2.0 * sigmoid(u);
        };
    }

    /** dθ/du of coordinate i. */
    private double derivative(int i, double u) {
        return switch (kinds[i]) {
            case IDENTITY -> 1.0;
            case LOG_LOWER -> Math.exp(u);
            case LOG_UPPER -> -Math.exp(u);
            case LOGIT -> {
                double s = sigmoid(u);
                yield (upper[i] - lower[i]) * s * (1 - s);
            }
        };
    }

    /**
     * Log densities in u of a batch: one call of the target.
     *
     * @param u {@code n × d} unconstrained points
     * @return log p(θ(u)) + log|dθ/du|, {@code -∞} where the target is zero, NaN or θ(u) leaves the bounds
     */
    double[] logDensity(double[][] u) {
        if (u.length == 0) {
            return new double[0];
        }
        double[][] theta = constrain(u);
        double[] lp = target.logDensity(theta);
        for (int r = 0; r < u.length; r++) {
            lp[r] = finish(lp[r], u[r], theta[r]);
        }
        return lp;
    }

    /**
     * Log densities and gradients in u of a batch: one call of the target's gradient.
     *
     * @param u {@code n × d} unconstrained points
     * @param gradient output {@code n × d}: ∇_u of the log density in u (zero where it is {@code -∞})
     * @return the log densities in u
     */
    double[] logDensityGradient(double[][] u, double[][] gradient) {
        if (u.length == 0) {
            return new double[0];
        }
        double[][] theta = constrain(u);
        double[] lp = target.logDensityGradient(theta, gradient);
        for (int r = 0; r < u.length; r++) {
            lp[r] = finish(lp[r], u[r], theta[r]);
            double[] g = gradient[r];
            for (int i = 0; i < kinds.length; i++) {
                g[i] = lp[r] == Double.NEGATIVE_INFINITY ? 0.0
                        : g[i] * derivative(i, u[r][i]) + logJacobianDerivative(i, u[r][i]);
                if (!Double.isFinite(g[i])) {
                    lp[r] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        return lp;
    }

    /** θ(u) of a batch, counted as evaluated. */
    private double[][] constrain(double[][] u) {
        double[][] theta = new double[u.length][];
        for (int r = 0; r < u.length; r++) {
            theta[r] = toConstrained(u[r]);
        }
        evaluations += u.length;
        return theta;
    }

    private double finish(double logDensity, double[] u, double[] theta) {
        if (Double.isNaN(logDensity) || logDensity == Double.NEGATIVE_INFINITY || !inside(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        double out = logDensity;
        for (int i = 0; i < kinds.length; i++) {
            out += logJacobian(i, u[i]);
        }
        return Double.isNaN(out) ? Double.NEGATIVE_INFINITY : out;
    }

    /** Strictly inside the bounds: a logit or exp that rounded onto a bound is outside. */
    private boolean inside(double[] theta) {
        for (int i = 0; i < kinds.length; i++) {
            double v = theta[i];
            if (Double.isNaN(v) || v <= lower[i] || v >= upper[i]) {
                return false;
            }
        }
        return true;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
