package org.sbi4j.api.prior;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/** The product of independent priors; θ is the concatenation of the components' parameters. */
public final class IndependentPrior implements Prior {
    private final List<Prior> components;
    private final List<String> names;
    private final int dimension;

    /**
     * Creates the product of the given priors.
     *
     * @param components the independent parts, in order
     */
    public IndependentPrior(List<? extends Prior> components) {
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("independent prior: give at least one component");
        }
        this.components = List.copyOf(components);
        List<String> all = new ArrayList<>();
        for (Prior p : this.components) {
            all.addAll(p.parameterNames());
        }
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("independent prior: parameter names repeat across components: " + all);
        }
        this.names = List.copyOf(all);
        this.dimension = all.size();
    }

    /**
     * Creates the product of the given priors.
     *
     * @param components the independent parts, in order
     * @return their product
     */
    public static IndependentPrior of(Prior... components) {
        return new IndependentPrior(List.of(components));
    }

    /** The components. */
    public List<Prior> components() {
        return components;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        double[][] out = new double[n][dimension];
        int offset = 0;
        for (Prior p : components) {
            double[][] part = p.sample(n, rng);
            for (int i = 0; i < n; i++) {
                System.arraycopy(part[i], 0, out[i], offset, p.dimension());
            }
            offset += p.dimension();
        }
        return out;
    }

    @Override
    public double logDensity(double[] theta) {
        Priors.checkLength(theta, dimension);
        double sum = 0;
        int offset = 0;
        for (Prior p : components) {
            double[] part = new double[p.dimension()];
            System.arraycopy(theta, offset, part, 0, part.length);
            sum += p.logDensity(part);
            if (sum == Double.NEGATIVE_INFINITY) {
                return sum;
            }
            offset += part.length;
        }
        return sum;
    }

    /** {@inheritDoc} True when every component has a gradient. */
    @Override
    public boolean hasGradient() {
        for (Prior p : components) {
            if (!p.hasGradient()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double logDensityGradient(double[] theta, double[] gradient) {
        Priors.checkLength(theta, dimension);
        if (!hasGradient()) {
            throw new UnsupportedOperationException("independent prior: a component has no gradient: " + components);
        }
        double sum = 0;
        int offset = 0;
        for (Prior p : components) {
            double[] part = new double[p.dimension()];
            double[] partGradient = new double[part.length];
            System.arraycopy(theta, offset, part, 0, part.length);
            sum += p.logDensityGradient(part, partGradient);
            System.arraycopy(partGradient, 0, gradient, offset, part.length);
            offset += part.length;
        }
        return sum;
    }

    @Override
    public double[] lowerBounds() {
        return concat(true);
    }

    @Override
    public double[] upperBounds() {
        return concat(false);
    }

    private double[] concat(boolean lower) {
        double[] out = new double[dimension];
        int offset = 0;
        for (Prior p : components) {
            double[] b = lower ? p.lowerBounds() : p.upperBounds();
            System.arraycopy(b, 0, out, offset, b.length);
            offset += b.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Independent" + components;
    }
}
