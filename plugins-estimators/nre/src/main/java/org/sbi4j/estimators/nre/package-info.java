/**
 * Neural ratio estimation ({@code nre}): amortized likelihood-to-evidence ratios r(x | θ) = p(x | θ) / p(x) from a
 * classifier of joint against marginal (θ, x) pairs (NRE-A, -B and -C), built on the shared neural library
 * ({@code org.sbi4j.nn}). The posterior p(θ) r(x₀ | θ) is known up to a constant and drawn by the runtime's
 * sampler, with the gradient in θ from back-propagation. Entry points: {@link
 * org.sbi4j.estimators.nre.NrePlugin}, {@link org.sbi4j.estimators.nre.NreEstimatorFactory}, {@link
 * org.sbi4j.estimators.nre.NreSettings}; the fitted {@link org.sbi4j.estimators.nre.NrePosterior}.
 */
package org.sbi4j.estimators.nre;
