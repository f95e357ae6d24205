package org.sbi4j.simulators.lotkavolterra;

/**
 * The Lotka–Volterra equations dx/dt = αx − βxy (prey), dy/dt = −γy + δxy (predators), optionally
 * augmented with the forward sensitivities S = ∂(x, y)/∂(α, β, γ, δ), which obey dS/dt = J·S + ∂f/∂θ.
 *
 * <p>State layout: {@code y[0] = x}, {@code y[1] = y}; with sensitivities {@code y[2 + j] = ∂x/∂θ_j} and
 * {@code y[6 + j] = ∂y/∂θ_j} for θ = (α, β, γ, δ). Mutable (the parameters are set before each solve):
 * one instance per thread.
 */
final class LotkaVolterraEquations implements OdeSystem {
    private final boolean sensitivities;
    private double alpha;
    private double beta;
    private double gamma;
    private double delta;

    /**
     * @param sensitivities whether to integrate the 8 sensitivities along with the 2 states
     */
    LotkaVolterraEquations(boolean sensitivities) {
        this.sensitivities = sensitivities;
    }

    void setParameters(double alpha, double beta, double gamma, double delta) {
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.delta = delta;
    }

    @Override
    public int dimension() {
        return sensitivities ? 10 : 2;
    }

    @Override
    public void derivatives(double t, double[] s, double[] ds) {
        final double x = s[0];
        final double y = s[1];
        // written as in LotkaVolterraStateIntegrator, so that both give the same rounding
        ds[0] = x * (alpha - beta * y);
        ds[1] = y * (delta * x - gamma);
        if (sensitivities) {
            final double xy = x * y;
            // Jacobian of the right-hand side in (x, y)
            final double jxx = alpha - beta * y;
            final double jxy = -beta * x;
            final double jyx = delta * y;
            final double jyy = -gamma + delta * x;
            for (int j = 0; j < 4; j++) {
                final double sx = s[2 + j];
                final double sy = s[6 + j];
                ds[2 + j] = jxx * sx + jxy * sy;
                ds[6 + j] = jyx * sx + jyy * sy;
            }
            // explicit parameter derivatives ∂f/∂θ
            ds[2] += x;
            ds[3] -= xy;
            ds[8] -= y;
            ds[9] += xy;
        }
    }
}
