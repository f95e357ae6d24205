/**
 * Lotka–Volterra predator–prey simulators: the deterministic ODE with log-normal noise of the sbibm benchmark
 * ({@link org.sbi4j.simulators.lotkavolterra.LotkaVolterraOdeSimulator}, with likelihood and vector–Jacobian
 * products) and the stochastic Markov jump process of the SNL benchmark simulated exactly with Gillespie's
 * algorithm ({@link org.sbi4j.simulators.lotkavolterra.LotkaVolterraMjpSimulator}), registered by
 * {@link org.sbi4j.simulators.lotkavolterra.LotkaVolterraPlugin}. It also holds the adaptive Dormand–Prince 5(4)
 * integrator {@link org.sbi4j.simulators.lotkavolterra.DormandPrince54} that other simulator plugins share.
 */
package org.sbi4j.simulators.lotkavolterra;
