/**
 * Neural posterior estimation ({@code npe}): amortized q(θ | x) from the shared neural library
 * ({@code org.sbi4j.nn}) — a neural spline flow by default, or a MAF or mixture density network — trained by
 * maximum likelihood on simulations from the prior, with θ mapped to unconstrained space from the prior's
 * bounds, z-scored θ and x, and an optional MLP embedding of x. Entry points: {@link
 * org.sbi4j.estimators.npe.NpePlugin}, {@link org.sbi4j.estimators.npe.NpeEstimatorFactory}, {@link
 * org.sbi4j.estimators.npe.NpeSettings}; the fitted {@link org.sbi4j.estimators.npe.NpePosterior}.
 */
package org.sbi4j.estimators.npe;
