/**
 * Batched explicit ODE solvers on plain {@code double[]} states, for continuous normalizing flows (flow
 * matching): {@link org.sbi4j.nn.ode.FixedStepSolver} (Euler, midpoint, RK4) and the adaptive
 * {@link org.sbi4j.nn.ode.DormandPrince} 5(4). A state holds {@code n} rows of {@code k} columns row-major; the
 * {@link org.sbi4j.nn.ode.OdeFunction} sees the whole batch at once, so one network call evaluates every row.
 */
package org.sbi4j.nn.ode;
