package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.testing.PriorContract;

/** The prior contract (finite-difference gradient check included) for {@link GaussianPrecisionPrior}. */
class TestGaussianPrecisionPriorContract extends PriorContract {

    private static final double[][] PRECISION = {{2.0, 0.5, 0.0}, {0.5, 1.5, -0.3}, {0.0, -0.3, 1.0}};

    @Override
    protected Prior createPrior() {
        return new GaussianPrecisionPrior(new double[] {0.5, -1.0, 2.0}, PRECISION, List.of("a", "b", "c"));
    }

    @Test
    void gradientIsMinusPrecisionTimesOffset() {
        Prior prior = createPrior();
        double[] gradient = new double[3];
        double logDensity = prior.logDensityGradient(new double[] {1.5, -1.0, 2.0}, gradient);
        assertThat(gradient[0]).isCloseTo(-2.0, within(1e-12));
        assertThat(gradient[1]).isCloseTo(-0.5, within(1e-12));
        assertThat(gradient[2]).isCloseTo(0.0, within(1e-12));
        assertThat(logDensity).isEqualTo(prior.logDensity(new double[] {1.5, -1.0, 2.0}));
    }
}
