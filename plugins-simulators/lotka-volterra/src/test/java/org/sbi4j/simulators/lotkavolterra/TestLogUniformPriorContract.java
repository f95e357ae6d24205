package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.testing.PriorContract;
import org.sbi4j.testing.SeededRandom;

/** The prior contract for {@link LogUniformPrior}, plus its density and the distribution of log θ. */
class TestLogUniformPriorContract extends PriorContract {

    @Override
    protected Prior createPrior() {
        return new LogUniformPrior(-5, 2, List.of("a", "b", "c", "d"));
    }

    @Test
    void densityIsUniformInLogTheta() {
        LogUniformPrior prior = new LogUniformPrior(-5, 2, List.of("a", "b"));
        double[] theta = {0.5, 3.0};
        assertThat(prior.logDensity(theta))
                .isCloseTo(-Math.log(0.5 * 7) - Math.log(3.0 * 7), within(1e-12));
        assertThat(prior.logDensity(new double[] {Math.exp(2.1), 1})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(prior.lowerBounds()).containsExactly(Math.exp(-5), Math.exp(-5));
        assertThat(prior.upperBounds()).containsExactly(Math.exp(2), Math.exp(2));
    }

    @Test
    void logOfSamplesIsUniform() {
        LogUniformPrior prior = new LogUniformPrior(-5, 2, List.of("a"));
        double[][] samples = prior.sample(20_000, SeededRandom.of(4));
        double mean = 0;
        int below = 0;
        for (double[] s : samples) {
            double l = Math.log(s[0]);
            mean += l;
            if (l < -1.5) {
                below++;
            }
        }
        mean /= samples.length;
        // U(-5, 2): mean -1.5, sd 7/√12 = 2.02, standard error of the mean 0.014; P(log θ < -1.5) = 0.5 (SE 0.0035)
        assertThat(mean).isCloseTo(-1.5, within(0.06));
        assertThat(below / (double) samples.length).isCloseTo(0.5, within(0.015));
    }
}
