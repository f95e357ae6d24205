/**
 * Neural likelihood estimation ({@code nle}): an amortized conditional normalizing flow q(x | θ) from the shared
 * neural library ({@code org.sbi4j.nn}), θ its context, trained by maximum likelihood on simulations from the prior.
 * The posterior p(θ) q(x₀ | θ) is known up to a constant and drawn by the runtime's sampler, with the gradient in θ
 * from back-propagating the flow through its context. Entry points: {@link org.sbi4j.estimators.nle.NlePlugin},
 * {@link org.sbi4j.estimators.nle.NleEstimatorFactory}, {@link org.sbi4j.estimators.nle.NleSettings}; the fitted
 * {@link org.sbi4j.estimators.nle.NlePosterior}.
 */
package org.sbi4j.estimators.nle;
