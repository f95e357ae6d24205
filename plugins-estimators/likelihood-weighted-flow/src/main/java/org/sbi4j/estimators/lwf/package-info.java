/**
 * The likelihood-weighted normalizing flow ({@code likelihood-weighted-flow}): a conditional neural spline flow
 * q(θ | x) trained without posterior samples by maximising Σ_j Σ_i w̄_ij log q(θ_ij | x_j), with self-normalised
 * likelihood weights per observation, an adaptive (tempered, then defensive-mixture) proposal when the
 * effective sample size collapses, and a Gaussian-mixture base initialised by weighted EM that removes the
 * "probability bridges" a unimodal base leaves between separated modes. Entry points: {@link
 * org.sbi4j.estimators.lwf.LwfPlugin}, {@link org.sbi4j.estimators.lwf.LwfEstimatorFactory}, {@link
 * org.sbi4j.estimators.lwf.LwfSettings}; the fitted {@link org.sbi4j.estimators.lwf.LwfPosterior}.
 */
package org.sbi4j.estimators.lwf;
