package org.sbi4j.simulators.lotkavolterra;

/**
 * A first-order ODE system dy/dt = f(t, y) on plain arrays, evaluated without allocation; the right-hand side
 * of {@link DormandPrince54}.
 */
public interface OdeSystem {

    /** Number of state components. */
    int dimension();

    /**
     * Writes f(t, y) into {@code dydt}.
     *
     * @param t time
     * @param y state (not modified)
     * @param dydt output, same length as y
     */
    void derivatives(double t, double[] y, double[] dydt);
}
