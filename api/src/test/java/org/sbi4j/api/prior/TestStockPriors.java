package org.sbi4j.api.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Prior;
import org.sbi4j.testing.PriorContract;
import org.sbi4j.testing.SeededRandom;

class TestStockPriors {

    @Nested
    class BoxUniformContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return new BoxUniformPrior(new double[] {-1, 0}, new double[] {1, 5}, List.of("a", "b"));
        }
    }

    @Nested
    class NormalContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return new NormalPrior(new double[] {0, 3}, new double[] {1, 0.5}, null);
        }
    }

    @Nested
    class LogNormalContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return new LogNormalPrior(new double[] {-0.125, -3}, new double[] {0.5, 0.5}, null);
        }
    }

    @Nested
    class IndependentContract extends PriorContract {
        @Override
        protected Prior createPrior() {
            return IndependentPrior.of(
                    new BoxUniformPrior(new double[] {0}, new double[] {2}, List.of("u")),
                    new LogNormalPrior(new double[] {0}, new double[] {1}, List.of("l")));
        }
    }

    @Test
    void boxUniformDensityIsMinusLogVolume() {
        Prior prior = new BoxUniformPrior(new double[] {-1, 0}, new double[] {1, 5}, null);
        assertThat(prior.logDensity(new double[] {0, 1})).isCloseTo(-Math.log(10), within(1e-12));
        assertThat(prior.parameterNames()).containsExactly("theta_1", "theta_2");
    }

    @Test
    void normalSamplesHaveTheStatedMeanAndSd() {
        Prior prior = new NormalPrior(new double[] {2}, new double[] {3}, null);
        double[][] s = prior.sample(200_000, SeededRandom.of(1));
        double mean = 0;
        double sq = 0;
        for (double[] r : s) {
            mean += r[0];
            sq += r[0] * r[0];
        }
        mean /= s.length;
        double sd = Math.sqrt(sq / s.length - mean * mean);
        // Monte Carlo standard errors: 3/sqrt(2e5) = 0.0067 for the mean, ~0.0047 for the sd
        assertThat(mean).isCloseTo(2, within(0.03));
        assertThat(sd).isCloseTo(3, within(0.03));
        assertThat(prior.logDensity(new double[] {2})).isCloseTo(-Math.log(3 * Math.sqrt(2 * Math.PI)), within(1e-12));
    }

    @Test
    void logNormalDensityIntegratesToOne() {
        Prior prior = new LogNormalPrior(new double[] {-0.125}, new double[] {0.5}, null);
        double sum = 0;
        double h = 1e-4;
        for (double x = h / 2; x < 20; x += h) {
            sum += Math.exp(prior.logDensity(new double[] {x})) * h;
        }
        assertThat(sum).isCloseTo(1, within(1e-6));
        assertThat(prior.lowerBounds()).containsExactly(0);
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertThatThrownBy(() -> new BoxUniformPrior(new double[] {1}, new double[] {0}, null))
                .hasMessageContaining("high[0] = 0.0 must exceed low[0] = 1.0");
        assertThatThrownBy(() -> new NormalPrior(new double[] {0, 0}, new double[] {1}, null))
                .hasMessageContaining("mean has 2 entries but sd has 1");
        assertThatThrownBy(() -> new LogNormalPrior(new double[] {0}, new double[] {-1}, null))
                .hasMessageContaining("sigma[0] = -1.0 must be positive");
    }
}
