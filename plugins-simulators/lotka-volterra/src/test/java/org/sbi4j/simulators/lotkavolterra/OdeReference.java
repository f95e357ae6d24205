package org.sbi4j.simulators.lotkavolterra;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/** High-accuracy reference solutions of the Lotka–Volterra ODE from Commons Math (test helper). */
final class OdeReference {
    private OdeReference() {
    }

    /**
     * Solves with Commons Math's Dormand–Prince 8(5,3) at rtol = atol = 1e-12 by integrating from one
     * observation time to the next.
     *
     * @return the solution in data order (prey at all times, then predators)
     */
    static double[] solve(double[] theta, double prey0, double predators0, double[] times) {
        FirstOrderDifferentialEquations equations = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] dy) {
                dy[0] = theta[0] * y[0] - theta[1] * y[0] * y[1];
                dy[1] = -theta[2] * y[1] + theta[3] * y[0] * y[1];
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 10, 1e-12, 1e-12);
        integrator.setMaxEvaluations(10_000_000);
        int count = times.length;
        double[] out = new double[2 * count];
        double[] y = {prey0, predators0};
        double t = 0;
        for (int k = 0; k < count; k++) {
            if (times[k] > t) {
                integrator.integrate(equations, t, y, times[k], y);
                t = times[k];
            }
            out[k] = y[0];
            out[count + k] = y[1];
        }
        return out;
    }
}
