package org.sbi4j.runtime.prior;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/** A prior under other parameter names (a configured prior takes the simulator's names). */
public final class RenamedPrior implements Prior {
    private final Prior delegate;
    private final List<String> names;

    /**
     * @param delegate the prior
     * @param names the names to use, one per parameter
     */
    public RenamedPrior(Prior delegate, List<String> names) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.names = List.copyOf(names);
        if (names.size() != delegate.dimension()) {
            throw new IllegalArgumentException(names.size() + " names for a prior of dimension " + delegate.dimension());
        }
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public double[][] sample(int n, UniformRandomProvider rng) {
        return delegate.sample(n, rng);
    }

    @Override
    public double logDensity(double[] theta) {
        return delegate.logDensity(theta);
    }

    @Override
    public double[] lowerBounds() {
        return delegate.lowerBounds();
    }

    @Override
    public double[] upperBounds() {
        return delegate.upperBounds();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
