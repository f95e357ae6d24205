package org.sbi4j.simulators.mixtures;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.prior.Gaussian;
import org.sbi4j.api.prior.TruncatedNormal;

/**
 * The exact posterior of an {@link OffsetMixtureSimulator} for one observation x₀: the equal-weight mixture
 * of N(x₀ + offsetₖ, s²I) truncated to the prior box [−B, B]^d.
 *
 * <p>Component k keeps the box mass Zₖ = ∏ⱼ (Φ(bₖⱼ) − Φ(aₖⱼ)) of its Gaussian, so the posterior is the
 * mixture of the truncated Gaussians with weights Zₖ / ΣZ. Both the weights and the normalised density are
 * exact closed forms (computed in log space, accurate in the far tails); draws pick a component by its
 * weight and then each coordinate from its exactly sampled truncated normal.
 */
public final class OffsetMixturePosterior implements ExactPosterior {
    private final double[][] centres;
    private final double sd;
    private final double bound;
    private final double[] weights;
    private final double[] cumulativeWeights;
    private final double[][] standardLow;
    private final double[][] standardHigh;
    private final double logNormaliser;

    /**
     * @param observation x₀ (finite)
     * @param offsets the mode offsets, one row per mode, of the length of x₀
     * @param sd the component standard deviation s
     * @param bound the prior half-width B
     */
    OffsetMixturePosterior(double[] observation, double[][] offsets, double sd, double bound) {
        int modes = offsets.length;
        int dimension = observation.length;
        this.sd = sd;
        this.bound = bound;
        this.centres = new double[modes][dimension];
        this.standardLow = new double[modes][dimension];
        this.standardHigh = new double[modes][dimension];
        double[] logMass = new double[modes];
        for (int k = 0; k < modes; k++) {
            for (int j = 0; j < dimension; j++) {
                double centre = observation[j] + offsets[k][j];
                centres[k][j] = centre;
                standardLow[k][j] = (-bound - centre) / sd;
                standardHigh[k][j] = (bound - centre) / sd;
                logMass[k] += TruncatedNormal.logMass(0, 1, standardLow[k][j], standardHigh[k][j]);
            }
        }
        double logTotal = LogSum.of(logMass);
        this.weights = new double[modes];
        this.cumulativeWeights = new double[modes];
        double running = 0;
        for (int k = 0; k < modes; k++) {
            weights[k] = Math.exp(logMass[k] - logTotal);
            running += weights[k];
            cumulativeWeights[k] = running;
        }
        int last = modes - 1;
        while (last > 0 && weights[last] == 0) {
            last--;
        }
        cumulativeWeights[last] = Double.POSITIVE_INFINITY;
        // p(θ | x₀) = Σₖ N(θ; centreₖ, s²I) / ΣZ on the box
        this.logNormaliser = logTotal + dimension * (Math.log(sd) + Gaussian.LOG_SQRT_2PI);
    }

    @Override
    public int dimension() {
        return centres[0].length;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        int dimension = dimension();
        double[][] out = new double[n][dimension];
        for (double[] row : out) {
            double u = rng.nextDouble();
            int k = 0;
            while (u >= cumulativeWeights[k]) {
                k++;
            }
            for (int j = 0; j < dimension; j++) {
                double z = TruncatedNormal.sample(0, 1, standardLow[k][j], standardHigh[k][j], rng);
                row[j] = Math.max(-bound, Math.min(bound, centres[k][j] + sd * z));
            }
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        int dimension = dimension();
        if (theta.length != dimension) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the posterior has "
                    + dimension);
        }
        for (double t : theta) {
            if (!(t >= -bound && t <= bound)) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double[] centre : centres) {
            double squares = 0;
            for (int j = 0; j < dimension; j++) {
                double z = (theta[j] - centre[j]) / sd;
                squares += z * z;
            }
            double term = -0.5 * squares;
            if (term > max) {
                sum = sum * Math.exp(max - term) + 1;
                max = term;
            } else {
                sum += Math.exp(term - max);
            }
        }
        return max + Math.log(sum) - logNormaliser;
    }

    @Override
    public double[][] modeCentres() {
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            copy[k] = centres[k].clone();
        }
        return copy;
    }

    @Override
    public double[] modeWeights() {
        return weights.clone();
    }
}
