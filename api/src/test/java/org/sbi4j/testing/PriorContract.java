package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;

/**
 * The contract every {@link Prior} must meet. Extend it and implement {@link #createPrior()}.
 */
public abstract class PriorContract {

    /** The prior under test. */
    protected abstract Prior createPrior();

    /** How many draws the checks use. */
    protected int sampleSize() {
        return 2000;
    }

    @Test
    void namesMatchDimensionAndAreUnique() {
        Prior prior = createPrior();
        assertThat(prior.dimension()).isPositive();
        assertThat(prior.parameterNames()).hasSize(prior.dimension()).doesNotContainNull();
        assertThat(new HashSet<>(prior.parameterNames())).hasSize(prior.dimension());
        assertThat(prior.lowerBounds()).hasSize(prior.dimension());
        assertThat(prior.upperBounds()).hasSize(prior.dimension());
    }

    @Test
    void samplesLieInTheSupportWithFiniteDensity() {
        Prior prior = createPrior();
        double[] low = prior.lowerBounds();
        double[] high = prior.upperBounds();
        double[][] samples = prior.sample(sampleSize(), SeededRandom.of(11));
        assertThat(samples).hasDimensions(sampleSize(), prior.dimension());
        for (double[] theta : samples) {
            for (int j = 0; j < theta.length; j++) {
                assertThat(theta[j]).isFinite().isBetween(low[j], high[j]);
            }
            assertThat(prior.logDensity(theta)).isFinite();
        }
    }

    @Test
    void densityIsMinusInfinityOutsideFiniteBounds() {
        Prior prior = createPrior();
        double[] inside = prior.sample(1, SeededRandom.of(5))[0];
        double[] low = prior.lowerBounds();
        double[] high = prior.upperBounds();
        for (int j = 0; j < inside.length; j++) {
            double[] theta = inside.clone();
            if (Double.isFinite(low[j])) {
                theta[j] = low[j] - 1e-3 - Math.abs(low[j]) * 1e-3;
                assertThat(prior.logDensity(theta)).as("below lower bound of %s", prior.parameterNames().get(j))
                        .isEqualTo(Double.NEGATIVE_INFINITY);
            }
            if (Double.isFinite(high[j])) {
                theta[j] = high[j] + 1e-3 + Math.abs(high[j]) * 1e-3;
                assertThat(prior.logDensity(theta)).as("above upper bound of %s", prior.parameterNames().get(j))
                        .isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
    }

    /** Relative tolerance of the finite-difference check of the gradient. */
    protected double gradientTolerance() {
        return 1e-5;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Prior prior = createPrior();
        if (!prior.hasGradient()) {
            return;
        }
        for (double[] theta : prior.sample(20, SeededRandom.of(17))) {
            double[] gradient = new double[theta.length];
            assertThat(prior.logDensityGradient(theta, gradient)).as("log density returned with the gradient")
                    .isEqualTo(prior.logDensity(theta));
            FiniteDifferences.assertGradient("prior log density", prior::logDensity, theta, gradient,
                    gradientTolerance());
        }
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        Prior prior = createPrior();
        assertThat(prior.sample(50, SeededRandom.of(3))).isDeepEqualTo(prior.sample(50, SeededRandom.of(3)));
        assertThat(prior.sample(50, SeededRandom.of(3))).isNotEqualTo(prior.sample(50, SeededRandom.of(4)));
    }
}
