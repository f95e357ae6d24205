package org.sbi4j.runtime.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;

class TestSimulationEngine {
    private static final BoxUniformPrior PRIOR = BoxUniformPrior.cube(2, -1, 1);

    /** x = θ + U(0,1) noise; NaN when θ₁ > cut. */
    static Simulator simulator(double cut) {
        return new Simulator() {
            @Override
            public List<String> parameterNames() {
                return List.of("a", "b");
            }

            @Override
            public List<String> dataNames() {
                return List.of("x", "y");
            }

            @Override
            public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
                double[][] x = new double[theta.length][];
                for (int i = 0; i < theta.length; i++) {
                    double noise = rng.nextDouble();
                    x[i] = theta[i][0] > cut ? new double[] {Double.NaN, 0}
                            : new double[] {theta[i][0] + noise, theta[i][1] + noise};
                }
                return SimulationResult.of(x);
            }
        };
    }

    private static Simulations run(int threads, int budget, int batch, double cut, InvalidPolicy policy) {
        return new SimulationEngine(ProgressReporter.SILENT).run(new SimulationEngine.Request(PRIOR, simulator(cut),
                budget, batch, threads, 99, policy));
    }

    @Test
    void sameSeedGivesIdenticalSimulationsForAnyThreadCount() {
        Simulations one = run(1, 1003, 50, 2, InvalidPolicy.DROP);
        Simulations four = run(4, 1003, 50, 2, InvalidPolicy.DROP);
        assertThat(one.size()).isEqualTo(1003);
        assertThat(four.theta()).isDeepEqualTo(one.theta());
        assertThat(four.data()).isDeepEqualTo(one.data());
    }

    @Test
    void otherSeedOtherSimulations() {
        Simulations a = run(2, 100, 10, 2, InvalidPolicy.DROP);
        Simulations b = new SimulationEngine(ProgressReporter.SILENT).run(new SimulationEngine.Request(PRIOR,
                simulator(2), 100, 10, 2, 100, InvalidPolicy.DROP));
        assertThat(a.theta()[0]).isNotEqualTo(b.theta()[0]);
    }

    @Test
    void nanRowsAreCountedAndDropped() {
        Simulations s = run(2, 4000, 100, 0.5, InvalidPolicy.DROP);
        // P(θ₁ > 0.5) = 1/4 under U(-1, 1): expect 1000 ± 27 (binomial sd) dropped
        assertThat(s.invalidCount()).isBetween(900, 1100);
        assertThat(s.size() + s.invalidCount()).isEqualTo(4000);
        for (double[] x : s.data()) {
            assertThat(x).doesNotContain(Double.NaN);
        }
        for (double[] t : s.theta()) {
            assertThat(t[0]).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void failPolicyStopsWithACount() {
        assertThatThrownBy(() -> run(1, 200, 50, 0.5, InvalidPolicy.FAIL)).isInstanceOf(SbiException.class)
                .hasMessageContaining("of 200 simulations failed or returned NaN/∞ and simulation.invalid is 'fail'");
    }

    @Test
    void allRunsFailingIsAClearError() {
        assertThatThrownBy(() -> run(1, 100, 50, -5, InvalidPolicy.DROP))
                .hasMessageContaining("all 100 simulations failed");
    }

    @Test
    void aSimulatorThatThrowsIsReportedAsAPluginBug() {
        Simulator throwing = new Simulator() {
            @Override
            public List<String> parameterNames() {
                return List.of("a", "b");
            }

            @Override
            public List<String> dataNames() {
                return List.of("x");
            }

            @Override
            public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
                throw new ArithmeticException("boom");
            }
        };
        assertThatThrownBy(() -> new SimulationEngine(ProgressReporter.SILENT).run(new SimulationEngine.Request(PRIOR,
                throwing, 10, 5, 1, 1, InvalidPolicy.DROP)))
                .hasMessageContaining("threw java.lang.ArithmeticException: boom instead of marking the run invalid");
    }

    @Test
    void seedsAreStableAndDistinct() {
        assertThat(Seeds.derive(1, "simulation", 0)).isEqualTo(Seeds.derive(1, "simulation", 0));
        assertThat(Seeds.derive(1, "simulation", 0)).isNotEqualTo(Seeds.derive(1, "simulation", 1));
        assertThat(Seeds.derive(1, "simulation", 0)).isNotEqualTo(Seeds.derive(2, "simulation", 0));
        assertThat(Seeds.derive(1, "simulation", 0)).isNotEqualTo(Seeds.derive(1, "posterior", 0));
    }
}
