package org.sbi4j.nn.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TestOdeSolvers {

    /** Per-row rates of the linear test problems: a batch of 4 rows × 2 columns. */
    private static final double[] RATES = {-1.5, -0.3, 0.4, 1.2};
    private static final int COLS = 2;
    private static final double[] Y0 = {1.0, -0.5, 2.0, 0.7, -1.1, 0.3, 0.25, 1.6};

    /** dy/dt = 2t·a_r·y per row: y(t) = y(t0)·exp(a_r (t² − t0²)); time-dependent, so it checks the stage times. */
    private static final OdeFunction QUADRATIC_RATE = (t, y, dy) -> {
        for (int i = 0; i < y.length; i++) {
            dy[i] = 2 * t * RATES[i / COLS] * y[i];
        }
    };

    /** dy/dt = a_r·y per row. */
    private static final OdeFunction LINEAR = (t, y, dy) -> {
        for (int i = 0; i < y.length; i++) {
            dy[i] = RATES[i / COLS] * y[i];
        }
    };

    private static final double OMEGA = 2.0;

    /** A 2-D rotation per row: d/dt (u, v) = ω(−v, u). */
    private static final OdeFunction ROTATION = (t, y, dy) -> {
        for (int r = 0; r < y.length / 2; r++) {
            dy[2 * r] = -OMEGA * y[2 * r + 1];
            dy[2 * r + 1] = OMEGA * y[2 * r];
        }
    };

    private static double[] quadraticExact(double t0, double t1) {
        double[] y = Y0.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= Math.exp(RATES[i / COLS] * (t1 * t1 - t0 * t0));
        }
        return y;
    }

    private static double[] linearExact(double t0, double t1) {
        double[] y = Y0.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= Math.exp(RATES[i / COLS] * (t1 - t0));
        }
        return y;
    }

    private static double[] rotationExact(double t0, double t1) {
        double[] y = Y0.clone();
        double c = Math.cos(OMEGA * (t1 - t0));
        double s = Math.sin(OMEGA * (t1 - t0));
        for (int r = 0; r < y.length / 2; r++) {
            y[2 * r] = c * Y0[2 * r] - s * Y0[2 * r + 1];
            y[2 * r + 1] = s * Y0[2 * r] + c * Y0[2 * r + 1];
        }
        return y;
    }

    private static double maxError(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double fixedError(FixedStepSolver.Scheme scheme, int steps, OdeFunction f, double[] exact) {
        double[] y = Y0.clone();
        OdeReport report = new FixedStepSolver(scheme, steps).integrate(f, 0.0, 1.0, y);
        assertThat(report.acceptedSteps()).isEqualTo(steps);
        return maxError(y, exact);
    }

    @ParameterizedTest
    @CsvSource({"EULER, 40, 1", "MIDPOINT, 40, 2", "RK4, 10, 4"})
    void fixedStepOrderOfConvergenceByHalvingTheStep(FixedStepSolver.Scheme scheme, int steps, int order) {
        for (OdeFunction f : new OdeFunction[] {QUADRATIC_RATE, ROTATION}) {
            double[] exact = f == ROTATION ? rotationExact(0, 1) : quadraticExact(0, 1);
            double coarse = fixedError(scheme, steps, f, exact);
            double fine = fixedError(scheme, 2 * steps, f, exact);
            double finer = fixedError(scheme, 4 * steps, f, exact);
            double measured = Math.log(coarse / fine) / Math.log(2);
            double measuredFiner = Math.log(fine / finer) / Math.log(2);
            assertThat(measured).as(scheme + " observed order").isCloseTo(order, org.assertj.core.data.Offset.offset(0.2));
            assertThat(measuredFiner).as(scheme + " observed order, finer").isCloseTo(order,
                    org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @ParameterizedTest
    @EnumSource(FixedStepSolver.Scheme.class)
    void fixedStepCountsEvaluationsAndRunsBackward(FixedStepSolver.Scheme scheme) {
        FixedStepSolver solver = new FixedStepSolver(scheme, 400);
        double[] y = Y0.clone();
        OdeReport report = solver.integrate(LINEAR, 0.5, -0.5, y);
        int stages = switch (scheme) {
            case EULER -> 1;
            case MIDPOINT -> 2;
            case RK4 -> 4;
        };
        assertThat(report).isEqualTo(new OdeReport(400, 0, 400 * stages));
        double tol = switch (scheme) {
            case EULER -> 2e-2;
            case MIDPOINT -> 1e-4;
            case RK4 -> 1e-9;
        };
        assertThat(maxError(y, linearExact(0.5, -0.5))).isLessThan(tol);
        // and forward again returns to the start (to the method's accuracy)
        solver.integrate(LINEAR, -0.5, 0.5, y);
        assertThat(maxError(y, Y0)).isLessThan(tol);
    }

    @ParameterizedTest
    @CsvSource({"1e-6, 1e-6", "1e-8, 1e-8", "1e-10, 1e-10"})
    void dopri5MeetsTheToleranceWithFewSteps(double rtol, double atol) {
        DormandPrince solver = new DormandPrince(rtol, atol);
        for (int p = 0; p < 3; p++) {
            OdeFunction f = p == 0 ? LINEAR : p == 1 ? ROTATION : QUADRATIC_RATE;
            double[] exact = p == 0 ? linearExact(0, 1) : p == 1 ? rotationExact(0, 1) : quadraticExact(0, 1);
            double[] y = Y0.clone();
            OdeReport report = solver.integrate(f, 0, 1, y);
            double scale = 0;
            for (double v : exact) {
                scale = Math.max(scale, Math.abs(v));
            }
            // the local error per step is controlled; the global error stays within a small multiple
            assertThat(maxError(y, exact)).as("problem " + p + " " + report).isLessThan(10 * (atol + rtol * scale));
            // (tol)^(1/5) scaling: ~10 steps at 1e-6, ~45 at 1e-10 for these smooth problems
            assertThat(report.acceptedSteps()).as("problem " + p + " " + report)
                    .isBetween(3, (int) (4 * Math.pow(1.0 / rtol, 0.2)));
            assertThat(report.rejectedSteps()).as("problem " + p + " " + report).isLessThanOrEqualTo(3);
            assertThat(report.functionEvaluations())
                    .isEqualTo(6 * (report.acceptedSteps() + report.rejectedSteps()) + 2);
        }
    }

    @Test
    void dopri5TighterToleranceTakesMoreStepsAndIsMoreAccurate() {
        double previousError = Double.POSITIVE_INFINITY;
        int previousSteps = 0;
        for (double tol : new double[] {1e-4, 1e-6, 1e-8, 1e-10}) {
            double[] y = Y0.clone();
            OdeReport r = new DormandPrince(tol, tol).integrate(ROTATION, 0, 3, y);
            double err = maxError(y, rotationExact(0, 3));
            assertThat(err).isLessThan(previousError);
            assertThat(r.acceptedSteps()).isGreaterThan(previousSteps);
            previousError = err;
            previousSteps = r.acceptedSteps();
        }
    }

    @Test
    void dopri5IntegratesBackwardAndReturnsToTheStart() {
        DormandPrince solver = new DormandPrince(1e-9, 1e-9);
        for (OdeFunction f : new OdeFunction[] {LINEAR, ROTATION, QUADRATIC_RATE}) {
            double[] y = Y0.clone();
            solver.integrate(f, 1.0, 0.0, y);
            double[] exact = f == LINEAR ? linearExact(1, 0) : f == ROTATION ? rotationExact(1, 0)
                    : quadraticExact(1, 0);
            assertThat(maxError(y, exact)).isLessThan(1e-7);
            OdeReport back = solver.integrate(f, 0.0, 1.0, y);
            assertThat(back.acceptedSteps()).isPositive();
            assertThat(maxError(y, Y0)).isLessThan(1e-7);
        }
    }

    @Test
    void dopri5SharesOneStepAcrossTheBatchSoAFastRowSetsItForAll() {
        // one row of the batch with a 50× faster rotation: the batch takes at least the steps that row alone needs
        OdeFunction mixed = (t, y, dy) -> {
            dy[0] = -50 * y[1];
            dy[1] = 50 * y[0];
            dy[2] = -y[3];
            dy[3] = y[2];
        };
        OdeFunction slowOnly = (t, y, dy) -> {
            dy[0] = -y[1];
            dy[1] = y[0];
        };
        DormandPrince solver = new DormandPrince(1e-7, 1e-7);
        OdeReport batch = solver.integrate(mixed, 0, 1, new double[] {1, 0, 1, 0});
        OdeReport alone = new DormandPrince(1e-7, 1e-7).integrate(slowOnly, 0, 1, new double[] {1, 0});
        assertThat(batch.acceptedSteps()).isGreaterThan(5 * alone.acceptedSteps());
    }

    @Test
    void piControllerRejectsFewerStepsWhenTheErrorConstantGrows() {
        // y' = −(1 + 60t³)·y: easy near t = 0, ever harder later, like a trained flow's field; y(1) = e^{−16}
        OdeFunction growing = (t, y, dy) -> {
            for (int i = 0; i < y.length; i++) {
                dy[i] = -(1 + 60 * t * t * t) * y[i];
            }
        };
        double exact = Math.exp(-16);
        double[] plainY = {1.0};
        OdeReport plain = new DormandPrince(1e-6, 1e-9).integrate(growing, 0, 1, plainY);
        double[] piY = {1.0};
        OdeReport pi = new DormandPrince(1e-6, 1e-9).withBeta(0.04).integrate(growing, 0, 1, piY);
        assertThat(plain.rejectedSteps()).isPositive();
        assertThat(pi.rejectedSteps()).isLessThan(plain.rejectedSteps());
        // both meet the tolerance (global error of the order of rtol · y(0))
        assertThat(Math.abs(piY[0] - exact)).isLessThan(1e-6);
        assertThat(Math.abs(plainY[0] - exact)).isLessThan(1e-6);
        assertThatThrownBy(() -> new DormandPrince(1e-6, 1e-6).withBeta(0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
    }

    @Test
    void dopri5FixedFirstStepAndLimits() {
        double[] y = Y0.clone();
        OdeReport r = new DormandPrince(1e-8, 1e-8).withFirstStep(1e-3).integrate(LINEAR, 0, 1, y);
        assertThat(maxError(y, linearExact(0, 1))).isLessThan(1e-6);
        assertThat(r.functionEvaluations()).isEqualTo(6 * (r.acceptedSteps() + r.rejectedSteps()) + 1);
        assertThat(new DormandPrince(1e-8, 1e-8).integrate(LINEAR, 0.3, 0.3, Y0.clone()))
                .isEqualTo(new OdeReport(0, 0, 0));
        assertThatThrownBy(() -> new DormandPrince(1e-12, 1e-12).withMaxSteps(3).integrate(ROTATION, 0, 10,
                Y0.clone())).isInstanceOf(IllegalStateException.class).hasMessageContaining("step attempts");
        OdeFunction blowUp = (t, yy, dy) -> {
            for (int i = 0; i < yy.length; i++) {
                dy[i] = Double.NaN;
            }
        };
        assertThatThrownBy(() -> new DormandPrince(1e-6, 1e-6).integrate(blowUp, 0, 1, Y0.clone()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DormandPrince(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
