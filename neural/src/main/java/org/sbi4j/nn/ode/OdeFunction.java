package org.sbi4j.nn.ode;

/**
 * The right-hand side {@code dy/dt = f(t, y)} of a batched ODE. The state is one flat {@code double[]}: for a
 * batch it holds {@code n} rows of {@code k} columns, row-major, so the same solver integrates θ alone
 * ({@code k = d}) or an augmented state such as {@code [θ, log-det]} ({@code k = d + 1}); the solver never looks
 * at the shape.
 */
@FunctionalInterface
public interface OdeFunction {

    /**
     * Writes {@code f(t, y)} into {@code dydt}.
     *
     * @param t time
     * @param y state (read only; a solver workspace, do not keep it)
     * @param dydt where the derivative goes (same length as {@code y}; fully overwritten)
     */
    void derivative(double t, double[] y, double[] dydt);
}
