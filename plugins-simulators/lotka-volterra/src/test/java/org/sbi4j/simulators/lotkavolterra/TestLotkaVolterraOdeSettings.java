package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.LogNormalPrior;

/** The defaults are the sbibm configuration, and invalid settings are rejected with the setting's name. */
class TestLotkaVolterraOdeSettings {

    @Test
    void defaultsAreSbibm() {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.validate();
        assertThat(settings.initialPrey).isEqualTo(30);
        assertThat(settings.initialPredators).isEqualTo(1);
        assertThat(settings.tMax).isEqualTo(20);
        assertThat(settings.noiseSigma).isEqualTo(0.1);
        assertThat(settings.clampMin).isEqualTo(1e-10);
        assertThat(settings.clampMax).isEqualTo(1e4);
        assertThat(settings.relativeTolerance).isEqualTo(1e-8);
        assertThat(settings.absoluteTolerance).isEqualTo(1e-8);
        assertThat(settings.logOutput).isFalse();
        double[] grid = settings.observationGrid();
        assertThat(grid).hasSize(10);
        for (int k = 0; k < 10; k++) {
            assertThat(grid[k]).isCloseTo(2.1 * k, within(1e-12));
        }

        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
        assertThat(simulator.parameterNames()).containsExactly("alpha", "beta", "gamma", "delta");
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            names.add("prey_" + k);
        }
        for (int k = 1; k <= 10; k++) {
            names.add("predator_" + k);
        }
        assertThat(simulator.dataNames()).isEqualTo(names);
        assertThat(simulator.noiseDimension()).isEqualTo(20);
        LogNormalPrior prior = (LogNormalPrior) simulator.defaultPrior().orElseThrow();
        assertThat(prior.mu()).containsExactly(-0.125, -3.0, -0.125, -3.0);
        assertThat(prior.sigma()).containsExactly(0.5, 0.5, 0.5, 0.5);
    }

    @Test
    void dataAreClampedBeforeTheNoise() {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.clampMax = 20;
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
        double[] theta = {0.6859157, 0.10761319, 0.88789904, 0.116794825};
        double[][] noise = new double[1][20];
        double[] x = simulator.simulate(new double[][] {theta}, noise).row(0);
        double[] u = simulator.solveOde(theta);
        assertThat(u[0]).isEqualTo(30);
        assertThat(x[0]).isEqualTo(20);
        for (int m = 1; m < 20; m++) {
            assertThat(x[m]).isEqualTo(Math.min(Math.max(u[m], 1e-10), 20));
        }
    }

    @Test
    void explicitObservationTimesAreUsed() {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.observationTimes = new double[] {1, 2.5, 20};
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
        assertThat(simulator.dataNames()).containsExactly("prey_1", "prey_2", "prey_3", "predator_1", "predator_2",
                "predator_3");
        double[] theta = {0.6859157, 0.10761319, 0.88789904, 0.116794825};
        double[] dense = new LotkaVolterraOdeSimulator().solveOde(theta);
        double[] sparse = simulator.solveOde(theta);
        double[] ref = OdeReference.solve(theta, 30, 1, settings.observationTimes);
        for (int m = 0; m < 6; m++) {
            assertThat(sparse[m]).isCloseTo(ref[m], within(1e-6 * Math.abs(ref[m])));
        }
        assertThat(dense[0]).isEqualTo(30);
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertInvalid(s -> s.tMax = -1, "t-max");
        assertInvalid(s -> s.noiseSigma = 0, "noise-sigma");
        assertInvalid(s -> s.initialPrey = Double.NaN, "initial-prey");
        assertInvalid(s -> s.clampMax = 1e-11, "clamp-max");
        assertInvalid(s -> s.relativeTolerance = 1, "relative-tolerance");
        assertInvalid(s -> s.observationTimes = new double[] {1, 0.5}, "observation-times");
        assertInvalid(s -> s.observationTimes = new double[] {21}, "observation-times");
        assertInvalid(s -> s.observationInterval = 0, "observation-interval");
        assertInvalid(s -> s.maxSteps = 1, "max-steps");
    }

    private static void assertInvalid(java.util.function.Consumer<LotkaVolterraOdeSettings> change, String name) {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        change.accept(settings);
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> new LotkaVolterraOdeSimulator(settings)).isInstanceOf(IllegalArgumentException.class);
    }
}
