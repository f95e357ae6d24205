package org.sbi4j.simulators.lotkavolterra;

/**
 * One reusable Lotka–Volterra solve: the equations, a Dormand–Prince integrator and the output buffer, all
 * allocated once. Not thread-safe; a simulator creates one per call.
 */
final class LotkaVolterraOdeSolver {
    private final LotkaVolterraEquations equations;
    private final DormandPrince54 integrator;
    private final LotkaVolterraStateIntegrator stateIntegrator;
    private final double[] initial;
    private final double[] times;
    private final double tEnd;
    private final double[] solution;
    private final int dimension;

    /**
     * @param prey0 initial prey
     * @param predators0 initial predators
     * @param times ascending observation times in [0, tEnd]
     * @param tEnd end of the time span (steps never pass it)
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param maxSteps step budget
     * @param sensitivities whether to integrate ∂(x, y)/∂θ as well (error control then covers them too)
     */
    LotkaVolterraOdeSolver(double prey0, double predators0, double[] times, double tEnd, double rtol, double atol,
            int maxSteps, boolean sensitivities) {
        this.equations = new LotkaVolterraEquations(sensitivities);
        this.dimension = equations.dimension();
        this.integrator = new DormandPrince54(equations, rtol, atol, maxSteps, dimension);
        this.stateIntegrator = sensitivities ? null : new LotkaVolterraStateIntegrator(rtol, atol, maxSteps);
        this.initial = new double[dimension];
        this.initial[0] = prey0;
        this.initial[1] = predators0;
        this.times = times;
        this.tEnd = tEnd;
        this.solution = new double[times.length * dimension];
    }

    /**
     * Solves at θ = (α, β, γ, δ).
     *
     * @param theta the parameters (not modified)
     * @return whether the solve succeeded with finite values at every observation time
     */
    boolean solve(double[] theta) {
        double alpha = theta[0];
        double beta = theta[1];
        double gamma = theta[2];
        double delta = theta[3];
        if (!(Double.isFinite(alpha) && Double.isFinite(beta) && Double.isFinite(gamma) && Double.isFinite(delta))) {
            return false;
        }
        int status;
        if (stateIntegrator != null) {
            status = stateIntegrator.integrate(alpha, beta, gamma, delta, initial[0], initial[1], tEnd, times, solution);
        } else {
            equations.setParameters(alpha, beta, gamma, delta);
            status = integrator.integrate(0.0, initial, tEnd, times, solution);
        }
        if (status != DormandPrince54.SUCCESS) {
            return false;
        }
        for (double v : solution) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last solution: entry {@code k·dimension() + i} is component i at observation time k (0 = prey,
     * 1 = predators, then with sensitivities 2 + j = ∂prey/∂θ_j and 6 + j = ∂predators/∂θ_j).
     */
    double[] solution() {
        return solution;
    }

    /** Components per observation time: 2, or 10 with sensitivities. */
    int dimension() {
        return dimension;
    }

    /** Steps attempted by the last solve. */
    int steps() {
        return stateIntegrator != null ? stateIntegrator.steps() : integrator.steps();
    }
}
