package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.LogNormalPrior;
import org.sbi4j.testing.SeededRandom;

/**
 * The scalar two-state integrator used for plain simulations gives bit-for-bit the numbers of the generic
 * {@link DormandPrince54} on the same equations (same tableau, controller and dense output), and the generic
 * integrator with sensitivities reproduces the states to the tolerance.
 */
class TestLotkaVolterraStateIntegrator {

    @Test
    void scalarAndGenericIntegratorsAgreeExactly() {
        double[] times = new LotkaVolterraOdeSettings().observationGrid();
        LotkaVolterraEquations equations = new LotkaVolterraEquations(false);
        DormandPrince54 generic = new DormandPrince54(equations, 1e-8, 1e-8, 100_000, 2);
        LotkaVolterraStateIntegrator scalar = new LotkaVolterraStateIntegrator(1e-8, 1e-8, 100_000);
        LogNormalPrior prior = (LogNormalPrior) new LotkaVolterraOdeSimulator().defaultPrior().orElseThrow();
        double[][] theta = prior.sample(200, SeededRandom.of(99));
        double[] a = new double[2 * times.length];
        double[] b = new double[2 * times.length];
        for (double[] th : theta) {
            equations.setParameters(th[0], th[1], th[2], th[3]);
            int s1 = generic.integrate(0, new double[] {30, 1}, 20, times, a);
            int s2 = scalar.integrate(th[0], th[1], th[2], th[3], 30, 1, 20, times, b);
            assertThat(s2).isEqualTo(s1);
            assertThat(scalar.steps()).isEqualTo(generic.steps());
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void sensitivitySolveReproducesTheStates() {
        double[] times = new LotkaVolterraOdeSettings().observationGrid();
        LotkaVolterraOdeSolver plain = new LotkaVolterraOdeSolver(30, 1, times, 20, 1e-8, 1e-8, 100_000, false);
        LotkaVolterraOdeSolver withSens = new LotkaVolterraOdeSolver(30, 1, times, 20, 1e-8, 1e-8, 100_000, true);
        double[] th = {0.6859157, 0.10761319, 0.88789904, 0.116794825};
        assertThat(plain.solve(th)).isTrue();
        assertThat(withSens.solve(th)).isTrue();
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < 2; i++) {
                double u = plain.solution()[2 * k + i];
                assertThat(withSens.solution()[10 * k + i]).isCloseTo(u,
                        org.assertj.core.data.Offset.offset(1e-6 * Math.abs(u) + 1e-8));
            }
        }
    }

    @Test
    void slowSystemWithAnOutputAtTheEndSucceeds() {
        // a nearly constant solution lets the first steps span most of the interval; the output at tEnd must
        // still be reached exactly
        double[] times = {0.3, 1000};
        LotkaVolterraEquations equations = new LotkaVolterraEquations(false);
        equations.setParameters(1e-9, 1e-12, 1e-9, 1e-12);
        DormandPrince54 generic = new DormandPrince54(equations, 1e-8, 1e-8, 1000, 2);
        double[] out = new double[4];
        assertThat(generic.integrate(0, new double[] {30, 1}, 1000, times, out)).isEqualTo(DormandPrince54.SUCCESS);
        assertThat(out[2]).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-4));
        LotkaVolterraStateIntegrator scalar = new LotkaVolterraStateIntegrator(1e-8, 1e-8, 1000);
        double[] out2 = new double[4];
        assertThat(scalar.integrate(1e-9, 1e-12, 1e-9, 1e-12, 30, 1, 1000, times, out2))
                .isEqualTo(DormandPrince54.SUCCESS);
        assertThat(out2).containsExactly(out);
    }
}
