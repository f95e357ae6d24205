package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.runtime.config.SimulationSpec;
import org.sbi4j.runtime.simulate.InvalidPolicy;
import org.sbi4j.runtime.simulate.ProgressReporter;
import org.sbi4j.runtime.simulate.SimulationEngine;

/** {@code FitContext.simulate}: simulation inside a fit through the runtime's engine. */
class TestRunContext {
    /** x = θ + noise; NaN when θ is negative. */
    private static final Simulator NOISY = new Simulator() {
        @Override
        public List<String> parameterNames() {
            return List.of("t");
        }

        @Override
        public List<String> dataNames() {
            return List.of("x");
        }

        @Override
        public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
            double[][] x = new double[theta.length][1];
            for (int i = 0; i < theta.length; i++) {
                x[i][0] = theta[i][0] < 0 ? Double.NaN : theta[i][0] + rng.nextDouble();
            }
            return SimulationResult.of(x);
        }
    };

    private static RunContext context(int threads, InvalidPolicy policy) {
        SimulationSpec spec = new SimulationSpec();
        spec.batchSize = 7;
        spec.invalid = policy;
        return new RunContext(11, threads, TrainingListener.NONE, new SimulationEngine(ProgressReporter.SILENT),
                NOISY, spec);
    }

    private static double[][] theta(int n) {
        double[][] theta = new double[n][1];
        for (int i = 0; i < n; i++) {
            theta[i][0] = i % 10 == 3 ? -1 : i;
        }
        return theta;
    }

    @Test
    void rowsStayAlignedWithTheParametersAndFailuresAreMarked() {
        SimulationResult r = context(2, InvalidPolicy.DROP).simulate("round-1", theta(50));
        assertThat(r.size()).isEqualTo(50);
        assertThat(r.invalidCount()).isEqualTo(5);
        for (int i = 0; i < 50; i++) {
            assertThat(r.isValid(i)).isEqualTo(i % 10 != 3);
            if (r.isValid(i)) {
                assertThat(r.row(i)[0]).isBetween((double) i, i + 1.0);
            }
        }
    }

    @Test
    void theSameStreamGivesTheSameDataForAnyThreadCountAndAnotherStreamOtherData() {
        SimulationResult one = context(1, InvalidPolicy.DROP).simulate("round-1", theta(100));
        SimulationResult four = context(4, InvalidPolicy.DROP).simulate("round-1", theta(100));
        SimulationResult other = context(4, InvalidPolicy.DROP).simulate("round-2", theta(100));
        assertThat(four.data()).isDeepEqualTo(one.data());
        assertThat(other.row(0)[0]).isNotEqualTo(one.row(0)[0]);
    }

    @Test
    void theRunsPolicyForFailedSimulationsApplies() {
        assertThatThrownBy(() -> context(2, InvalidPolicy.FAIL).simulate("round-1", theta(20)))
                .isInstanceOf(SbiException.class).hasMessageContaining("2 of 20 simulations failed");
    }
}
