package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * The Dormand–Prince 5(4) solution against a Commons Math Dormand–Prince 8(5,3) reference at
 * rtol = atol = 1e-12. Errors are measured as |ours − ref| / (1e-8 + |ref|) per observation, maximised over
 * the 20 observations of one θ.
 *
 * <p>At the sbibm tolerances (1e-8) a Runge–Kutta method accumulates a global error 10–1000 times the local
 * tolerance over the ~3 cycles in [0, 20]; measured for 200 prior draws: median 1.4e-7, 90th percentile 1.6e-6
 * (Commons Math's own DP 5(4) at 1e-8: 2.0e-7 and 2.4e-6). A few prior draws drive the prey below 1e-8, where
 * the absolute tolerance leaves it unresolved, and every 1e-8 solver is then far off (sbibm's too); the tests
 * therefore use quantiles at the sbibm tolerance and a tight tolerance for the full set.
 */
class TestLotkaVolterraOdeAccuracy {
    private static final double[] TIMES = new LotkaVolterraOdeSettings().observationGrid();

    private static double maxRelativeError(LotkaVolterraOdeSimulator simulator, double[] theta) {
        double[] ours = simulator.solveOde(theta);
        double[] ref = OdeReference.solve(theta, 30, 1, TIMES);
        double worst = 0;
        for (int m = 0; m < ref.length; m++) {
            worst = Math.max(worst, Math.abs(ours[m] - ref[m]) / (1e-8 + Math.abs(ref[m])));
        }
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
    }

    private static double[] errorsAtPriorDraws(LotkaVolterraOdeSimulator simulator, int n, long seed) {
        double[][] theta = simulator.defaultPrior().orElseThrow().sample(n, SeededRandom.of(seed));
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            errors[i] = maxRelativeError(simulator, theta[i]);
        }
        Arrays.sort(errors);
        return errors;
    }

    @Test
    void sbibmToleranceAtPriorDraws() {
        double[] errors = errorsAtPriorDraws(new LotkaVolterraOdeSimulator(), 200, 41);
        System.out.printf("sbibm tolerance: median %.3g, 90%% %.3g, max %.3g%n", errors[100], errors[180], errors[199]);
        // measured: median 2.1e-7, 90% 1.65e-6, max 1.5e-2
        assertThat(errors[100]).as("median over prior draws").isLessThan(1e-6);
        assertThat(errors[180]).as("90th percentile over prior draws").isLessThan(1e-5);
    }

    @Test
    void sbibmToleranceAtTypicalParameters() {
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator();
        // the true parameters of sbibm observation 1 and a faster, more extreme cycle
        double e1 = maxRelativeError(simulator, new double[] {0.6859157, 0.10761319, 0.88789904, 0.116794825});
        double e2 = maxRelativeError(simulator, new double[] {1.2, 0.05, 1.1, 0.03});
        System.out.printf("typical parameters: %.3g %.3g%n", e1, e2);
        // measured: 2.2e-7 and 2.7e-8
        assertThat(e1).isLessThan(1e-6);
        assertThat(e2).isLessThan(1e-6);
    }

    @Test
    void tightToleranceConvergesToReferenceEverywhere() {
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.relativeTolerance = 1e-12;
        settings.absoluteTolerance = 1e-14;
        double[] errors = errorsAtPriorDraws(new LotkaVolterraOdeSimulator(settings), 100, 43);
        System.out.printf("tight tolerance: median %.3g, 90%% %.3g, max %.3g%n", errors[50], errors[90], errors[99]);
        // measured: median 6e-12, 90% 2.4e-10, max 1.3e-5 (a draw whose prey falls to ~1e-7, where the
        // reference's own atol of 1e-12 limits it)
        assertThat(errors[50]).isLessThan(1e-10);
        assertThat(errors[90]).isLessThan(1e-8);
        assertThat(errors[99]).isLessThan(1e-4);
    }

    @Test
    void conservesTheLotkaVolterraInvariant() {
        // V = δx − γ log x + βy − α log y is constant along exact orbits
        LotkaVolterraOdeSettings settings = new LotkaVolterraOdeSettings();
        settings.observationInterval = 0.5;
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator(settings);
        double[] th = {0.9, 0.08, 1.1, 0.1};
        double[] u = simulator.solveOde(th);
        int count = u.length / 2;
        double v0 = th[3] * 30 - th[2] * Math.log(30) + th[1] * 1 - th[0] * Math.log(1);
        for (int k = 0; k < count; k++) {
            double x = u[k];
            double y = u[count + k];
            double v = th[3] * x - th[2] * Math.log(x) + th[1] * y - th[0] * Math.log(y);
            assertThat(v).as("invariant at observation %d", k).isCloseTo(v0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
