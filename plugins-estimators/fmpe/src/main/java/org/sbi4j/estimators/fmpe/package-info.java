/**
 * Flow matching posterior estimation ({@code fmpe}; Dax et al. 2023): amortized q(θ | x) as a continuous
 * normalizing flow whose vector field v(t, θ, x) (the shared library's {@code org.sbi4j.nn.VectorFieldNetwork})
 * is trained by conditional flow matching on simulations from the prior, with θ mapped to unconstrained space
 * from the prior's bounds, z-scored θ and x, and an MLP embedding of x. Samples come from an ODE solve (adaptive
 * Dormand–Prince by default), log densities from the augmented ODE. With a {@code feedback:} section
 * ({@link org.sbi4j.estimators.fmpe.FeedbackSettings}) the pretrained field is frozen and a small control network,
 * fed by simulator calls at the one-step estimate for t ≥ t_c, is fine-tuned (flow matching with simulator
 * feedback; the posterior is then a {@link org.sbi4j.estimators.fmpe.FeedbackPosterior} without density). Entry
 * points: {@link
 * org.sbi4j.estimators.fmpe.FmpePlugin}, {@link org.sbi4j.estimators.fmpe.FmpeEstimatorFactory}, {@link
 * org.sbi4j.estimators.fmpe.FmpeSettings}; the fitted {@link org.sbi4j.estimators.fmpe.FmpePosterior}.
 */
package org.sbi4j.estimators.fmpe;
