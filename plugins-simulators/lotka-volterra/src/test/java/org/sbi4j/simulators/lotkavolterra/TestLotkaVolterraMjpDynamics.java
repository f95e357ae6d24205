package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.testing.SeededRandom;

/** The Gillespie simulator against known laws: exact sub-processes, the ODE limit, and its guards. */
class TestLotkaVolterraMjpDynamics {

    private static LotkaVolterraMjpSimulator trajectorySimulator(long predators, long prey, double tMax,
            double interval) {
        LotkaVolterraMjpSettings settings = new LotkaVolterraMjpSettings();
        settings.trajectoryOutput = true;
        settings.initialPredators = predators;
        settings.initialPrey = prey;
        settings.tMax = tMax;
        settings.recordInterval = interval;
        return new LotkaVolterraMjpSimulator(settings);
    }

    private static double[][] repeat(double[] theta, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = theta.clone();
        }
        return out;
    }

    @Test
    void meanDynamicsFollowTheOdeAtLargePopulations() {
        // System size Ω = 20: populations (1000, 2000) and interaction rates θ₁/Ω, θ₄/Ω, so X/Ω and Y/Ω follow the
        // SNL true parameters' rate equations up to fluctuations of order 1/√(ΩN).
        double omega = 20;
        double[] theta = {0.01 / omega, 0.5, 1.0, 0.01 / omega};
        int runs = 300;
        double window = 6.0;
        LotkaVolterraMjpSimulator simulator = trajectorySimulator(1000, 2000, window, 0.25);
        SimulationResult result = simulator.simulate(repeat(theta, runs), SeededRandom.of(2024));
        assertThat(result.invalidCount()).isZero();
        double[] times = simulator.recordTimes();
        int n = times.length;

        // mean-field ODE: prey dY/dt = θ₃Y − θ₄XY, predators dX/dt = −θ₂X + θ₁XY
        LotkaVolterraOdeSettings ode = new LotkaVolterraOdeSettings();
        ode.initialPrey = 2000;
        ode.initialPredators = 1000;
        ode.tMax = window;
        ode.observationTimes = times;
        double[] u = new LotkaVolterraOdeSimulator(ode).solveOde(new double[] {theta[2], theta[3], theta[1], theta[0]});

        double worstZ = 0;
        for (int k = 1; k < n; k++) {
            for (int species = 0; species < 2; species++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < runs; i++) {
                    double v = result.row(i)[species * n + k];
                    sum += v;
                    sumSq += v * v;
                }
                double mean = sum / runs;
                double se = Math.sqrt((sumSq / runs - mean * mean) / (runs - 1));
                double expected = species == 0 ? u[n + k] : u[k];
                double z = (mean - expected) / se;
                worstZ = Math.max(worstZ, Math.abs(z));
                // 2 × 24 correlated comparisons; a 4.5-SE bound leaves room for the O(1/Ω) bias of the mean,
                // while a wrong rate or reaction moves the mean by tens of standard errors
                assertThat(Math.abs(z)).as("z-score of the mean of species %d at t = %.2f (mean %.1f, ODE %.1f)",
                        species, times[k], mean, expected).isLessThan(4.5);
            }
        }
        System.out.printf("worst |z| of the mean over the window: %.2f%n", worstZ);
    }

    @Test
    void pureDeathIsBinomial() {
        // no prey: only predator deaths at rate θ₂X, so X(t) ~ Binomial(X(0), exp(−θ₂t))
        LotkaVolterraMjpSimulator simulator = trajectorySimulator(200, 0, 2, 1);
        int runs = 4000;
        SimulationResult result = simulator.simulate(repeat(new double[] {0.3, 0.7, 0.4, 0.2}, runs),
                SeededRandom.of(31));
        double p = Math.exp(-0.7 * 1);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < runs; i++) {
            double v = result.row(i)[1];
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / runs;
        double var = sumSq / runs - mean * mean;
        double expectedVar = 200 * p * (1 - p);
        // SE of the mean √(var/runs) ≈ 0.11; SE of the variance ≈ var·√(2/runs) ≈ 1.0
        assertThat(mean).isCloseTo(200 * p, within(4 * Math.sqrt(expectedVar / runs)));
        assertThat(var).isCloseTo(expectedVar, within(4 * expectedVar * Math.sqrt(2.0 / runs)));
    }

    @Test
    void pureBirthOfPreyGrowsExponentially() {
        // no predators: only prey births at rate θ₃Y (a Yule process), E Y(t) = Y(0)·exp(θ₃t),
        // Var Y(t) = Y(0)·e^{θ₃t}(e^{θ₃t} − 1)
        LotkaVolterraMjpSimulator simulator = trajectorySimulator(0, 20, 1, 1);
        int runs = 4000;
        SimulationResult result = simulator.simulate(repeat(new double[] {0.3, 0.7, 1.5, 0.2}, runs),
                SeededRandom.of(37));
        double sum = 0;
        for (int i = 0; i < runs; i++) {
            sum += result.row(i)[3];
        }
        double mean = sum / runs;
        double g = Math.exp(1.5);
        double sd = Math.sqrt(20 * g * (g - 1));
        assertThat(mean).isCloseTo(20 * g, within(4 * sd / Math.sqrt(runs)));
    }

    @Test
    void extinctionKeepsTheAbsorbingStateAndStaysValid() {
        // without prey the predators die out; the total rate reaches 0 and the state is absorbed
        LotkaVolterraMjpSettings settings = new LotkaVolterraMjpSettings();
        settings.initialPrey = 0;
        settings.initialPredators = 5;
        LotkaVolterraMjpSimulator summary = new LotkaVolterraMjpSimulator(settings);
        double[] theta = {0.01, 2.0, 1.0, 0.01};
        SimulationResult s = summary.simulate(new double[][] {theta}, SeededRandom.of(8));
        assertThat(s.isValid(0)).isTrue();
        assertThat(s.row(0)[1]).as("log(1 + mean prey)").isZero();
        assertThat(s.row(0)[3]).as("log(1 + var prey)").isZero();
        assertThat(s.row(0)[6]).as("prey autocorrelation").isZero();
        assertThat(s.row(0)[8]).as("cross-correlation").isZero();

        settings.trajectoryOutput = true;
        LotkaVolterraMjpSimulator raw = new LotkaVolterraMjpSimulator(settings);
        double[] row = raw.simulate(new double[][] {theta}, SeededRandom.of(8)).row(0);
        assertThat(row).hasSize(302);
        assertThat(row[0]).isEqualTo(5);
        assertThat(row[150]).as("predators at t = 30").isZero();
    }

    @Test
    void explosionIsInvalid() {
        // fast prey births, almost no predation: the prey explodes past the event cap
        LotkaVolterraMjpSimulator simulator = new LotkaVolterraMjpSimulator();
        double[][] theta = {{Math.exp(-5), Math.exp(2), Math.exp(2), Math.exp(-5)}, {0.01, 0.5, 1.0, 0.01},
            {0.01, -0.5, 1.0, 0.01}};
        SimulationResult result = simulator.simulate(theta, SeededRandom.of(9));
        assertThat(result.isValid(0)).isFalse();
        assertThat(result.isValid(1)).isTrue();
        assertThat(result.isValid(2)).as("negative rate").isFalse();
    }

    @Test
    void defaultsAreTheSnlConfiguration() {
        LotkaVolterraMjpSettings settings = new LotkaVolterraMjpSettings();
        settings.trajectoryOutput = true;
        LotkaVolterraMjpSimulator simulator = new LotkaVolterraMjpSimulator(settings);
        double[] times = simulator.recordTimes();
        assertThat(times).hasSize(151);
        assertThat(times[150]).isCloseTo(30.0, within(1e-9));
        assertThat(times[1]).isCloseTo(0.2, within(1e-12));
        double[] row = simulator.simulate(new double[][] {{0.01, 0.5, 1.0, 0.01}}, SeededRandom.of(1)).row(0);
        assertThat(row[0]).isEqualTo(50);
        assertThat(row[151]).isEqualTo(100);
        assertThat(new LotkaVolterraMjpSimulator().dataNames()).hasSize(9);
        assertThat(simulator.defaultPrior().orElseThrow().lowerBounds()[0]).isCloseTo(Math.exp(-5), within(1e-15));
    }
}
