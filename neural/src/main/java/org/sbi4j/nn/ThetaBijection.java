package org.sbi4j.nn;

import java.util.Locale;
import org.sbi4j.api.Prior;

/**
 * A coordinate-wise bijection from the prior's support to unconstrained space, chosen from the bounds:
 * logit for a finite interval {@code (a, b)}, {@code log(θ − a)} for a finite lower bound only,
 * {@code log(b − θ)} for a finite upper bound only, the identity otherwise. Flows model u; densities in θ
 * are exact through {@code log q(θ) = log q(u(θ)) + Σ log|du/dθ|}.
 */
public final class ThetaBijection {

    /** Per-coordinate transform. */
    public enum Kind {
        /** u = θ. */
        IDENTITY,
        /** u = log(θ − a). */
        LOG_LOWER,
        /** u = log(b − θ). */
        LOG_UPPER,
        /** u = logit((θ − a)/(b − a)). */
        LOGIT
    }

    private final Kind[] kinds;
    private final double[] lower;
    private final double[] upper;

    /**
     * From support bounds ({@code ±∞} where unbounded).
     *
     * @param lower lower bounds
     * @param upper upper bounds
     */
    public ThetaBijection(double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("bounds of different lengths");
        }
        int d = lower.length;
        kinds = new Kind[d];
        this.lower = lower.clone();
        this.upper = upper.clone();
        for (int i = 0; i < d; i++) {
            boolean lo = Double.isFinite(lower[i]);
            boolean hi = Double.isFinite(upper[i]);
            if (lo && hi && !(upper[i] > lower[i])) {
                throw new IllegalArgumentException("empty interval at " + i + ": [" + lower[i] + ", " + upper[i] + "]");
            }
            kinds[i] = lo && hi ? Kind.LOGIT : lo ? Kind.LOG_LOWER : hi ? Kind.LOG_UPPER : Kind.IDENTITY;
        }
    }

    /** The bijection for a prior's bounds. */
    public static ThetaBijection forPrior(Prior prior) {
        return new ThetaBijection(prior.lowerBounds(), prior.upperBounds());
    }

    /** The identity in {@code dim} coordinates. */
    public static ThetaBijection identity(int dim) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new ThetaBijection(lo, hi);
    }

    /** Number of coordinates. */
    public int dimension() {
        return kinds.length;
    }

    /** The transform of coordinate {@code i}. */
    public Kind kind(int i) {
        return kinds[i];
    }

    /** Whether θ lies strictly inside the bounds (where the bijection is defined). */
    public boolean inSupport(double[] theta) {
        for (int i = 0; i < kinds.length; i++) {
            double v = theta[i];
            boolean ok = switch (kinds[i]) {
                case IDENTITY -> !Double.isNaN(v);
                case LOG_LOWER -> v > lower[i];
                case LOG_UPPER -> v < upper[i];
                case LOGIT -> v > lower[i] && v < upper[i];
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Coordinate {@code i}: u(θ). */
    public double toUnconstrained(int i, double v) {
        return switch (kinds[i]) {
            case IDENTITY -> v;
            case LOG_LOWER -> Math.log(v - lower[i]);
            case LOG_UPPER -> Math.log(upper[i] - v);
            case LOGIT -> {
                double p = (v - lower[i]) / (upper[i] - lower[i]);
                yield Math.log(p) - Math.log1p(-p);
            }
        };
    }

    /** Coordinate {@code i}: log|du/dθ| at θ. */
    public double logDetToUnconstrained(int i, double v) {
        return switch (kinds[i]) {
            case IDENTITY -> 0.0;
            case LOG_LOWER -> -Math.log(v - lower[i]);
            case LOG_UPPER -> -Math.log(upper[i] - v);
            case LOGIT -> {
                double w = upper[i] - lower[i];
                double p = (v - lower[i]) / w;
                yield -Math.log(w) - Math.log(p) - Math.log1p(-p);
            }
        };
    }

    /** Coordinate {@code i}: θ(u). */
    public double toConstrained(int i, double u) {
        return switch (kinds[i]) {
            case IDENTITY -> u;
            case LOG_LOWER -> lower[i] + Math.exp(u);
            case LOG_UPPER -> upper[i] - Math.exp(u);
            case LOGIT -> lower[i] + (upper[i] - lower[i]) * RationalQuadraticSpline.sigmoid(u);
        };
    }

    /** Coordinate {@code i}: log|dθ/du| at u. */
    public double logDetToConstrained(int i, double u) {
        return switch (kinds[i]) {
            case IDENTITY -> 0.0;
            case LOG_LOWER, LOG_UPPER -> u;
            case LOGIT -> Math.log(upper[i] - lower[i]) - RationalQuadraticSpline.softplus(-u)
                    - RationalQuadraticSpline.softplus(u);
        };
    }

    /**
     * θ → u for a whole vector.
     *
     * @param theta a point in the support
     * @param u destination
     * @return Σ log|du/dθ|
     */
    public double toUnconstrained(double[] theta, double[] u) {
        double ld = 0;
        for (int i = 0; i < kinds.length; i++) {
            u[i] = toUnconstrained(i, theta[i]);
            ld += logDetToUnconstrained(i, theta[i]);
        }
        return ld;
    }

    /**
     * u → θ for a whole vector.
     *
     * @param u unconstrained point
     * @param theta destination
     * @return Σ log|dθ/du|
     */
    public double toConstrained(double[] u, double[] theta) {
        double ld = 0;
        for (int i = 0; i < kinds.length; i++) {
            theta[i] = toConstrained(i, u[i]);
            ld += logDetToConstrained(i, u[i]);
        }
        return ld;
    }

    /** The bounds as text, e.g. {@code "0.0:1.0,-Infinity:Infinity"} (for a model file). */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            sb.append(i == 0 ? "" : ",").append(lower[i]).append(':').append(upper[i]);
        }
        return sb.toString();
    }

    /** Parses {@link #encode()}. */
    public static ThetaBijection decode(String text) {
        if (text.isBlank()) {
            return identity(0);
        }
        String[] parts = text.split(",");
        double[] lo = new double[parts.length];
        double[] hi = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] b = parts[i].split(":");
            if (b.length != 2) {
                throw new IllegalArgumentException("bad bounds '" + parts[i] + "'");
            }
            lo[i] = Double.parseDouble(b[0].trim());
            hi[i] = Double.parseDouble(b[1].trim());
        }
        return new ThetaBijection(lo, hi);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ThetaBijection[");
        for (int i = 0; i < kinds.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(kinds[i].name().toLowerCase(Locale.ROOT));
        }
        return sb.append(']').toString();
    }
}
