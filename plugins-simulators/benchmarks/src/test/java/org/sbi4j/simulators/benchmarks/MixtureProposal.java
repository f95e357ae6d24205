package org.sbi4j.simulators.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/**
 * A defensive importance-sampling proposal: a mixture of Gaussians fitted to the reference samples (one per
 * mode), widened, plus the prior itself with weight {@value #PRIOR_WEIGHT}. The prior component bounds the
 * importance weights by prior × likelihood / (0.2 · prior) = 5 · likelihood, so tails that the fitted
 * Gaussians miss are still sampled; as for any proposal, the weights remove its influence on the estimate.
 */
final class MixtureProposal implements Prior {
    static final double PRIOR_WEIGHT = 0.2;
    private static final int MIN_GROUP = 100;

    private final List<Prior> components = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<String> names;

    /**
     * @param prior the task's prior (the defensive component)
     * @param samples reference samples
     * @param group assigns a sample to a mode, 0..groups−1
     * @param groups number of modes
     * @param widen factor on the fitted standard deviations
     * @param logScale fit in log θ (positive parameters)
     */
    MixtureProposal(Prior prior, double[][] samples, ToIntFunction<double[]> group, int groups, double widen,
                    boolean logScale) {
        this.names = prior.parameterNames();
        List<List<double[]>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (double[] row : samples) {
            members.get(group.applyAsInt(row)).add(row);
        }
        int kept = 0;
        for (List<double[]> m : members) {
            kept += m.size() >= MIN_GROUP ? m.size() : 0;
        }
        for (List<double[]> m : members) {
            if (m.size() >= MIN_GROUP) {
                components.add(new FittedGaussianProposal(m.toArray(new double[0][]), widen, logScale, names));
                weights.add((1 - PRIOR_WEIGHT) * m.size() / kept);
            }
        }
        components.add(prior);
        weights.add(PRIOR_WEIGHT);
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int c = 0;
            while (c < components.size() - 1 && u > weights.get(c)) {
                u -= weights.get(c);
                c++;
            }
            out[i] = components.get(c).sample(1, rng)[0];
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        double[] terms = new double[components.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < terms.length; c++) {
            terms[c] = Math.log(weights.get(c)) + components.get(c).logDensity(theta);
            max = Math.max(max, terms[c]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
