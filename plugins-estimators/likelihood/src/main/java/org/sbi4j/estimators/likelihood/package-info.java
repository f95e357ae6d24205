/**
 * The exact-likelihood posterior ({@code likelihood}): no training; the posterior is prior × likelihood of a
 * simulator with a tractable likelihood, known up to a constant and drawn by the runtime's sampler. The
 * gold-standard baseline to check an estimator against. Entry points: {@link
 * org.sbi4j.estimators.likelihood.LikelihoodPlugin} and {@link
 * org.sbi4j.estimators.likelihood.LikelihoodEstimatorFactory}.
 */
package org.sbi4j.estimators.likelihood;
