/**
 * Shared neural building blocks for the sbi4j estimators, on ND4J's CPU backend (float32 training, float64
 * gradient checks).
 *
 * <h2>Design</h2>
 * Every layer is a Java class with an explicit forward and backward pass into preallocated workspaces:
 * matrix products go straight to the OpenBLAS library ND4J ships ({@link org.sbi4j.nn.Blas}), element-wise
 * work is plain Java over native-order views of ND4J-allocated off-heap {@link org.sbi4j.nn.Buffer}s, and
 * nothing is allocated inside a training step. All parameters of a model live in one flat buffer
 * ({@link org.sbi4j.nn.ParameterSet}) with a gradient buffer of the same layout; one {@link org.sbi4j.nn.Adam}
 * call updates them. {@link org.sbi4j.nn.NeuralRuntime} pins ND4J and OpenBLAS to one thread; use several
 * Java threads with one model {@linkplain org.sbi4j.nn.ConditionalDensity#copy() copy} each instead.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>layers: {@link org.sbi4j.nn.Dense}, {@link org.sbi4j.nn.Mlp}, {@link org.sbi4j.nn.Made},
 *   {@link org.sbi4j.nn.Activation};</li>
 *   <li>flows (density direction θ → z, sampling z → θ): the {@link org.sbi4j.nn.AutoregressiveTransform}s
 *   {@link org.sbi4j.nn.AffineAutoregressiveTransform} (MAF) and {@link
 *   org.sbi4j.nn.SplineAutoregressiveTransform}, {@link org.sbi4j.nn.SplineCouplingTransform} (NSF, sbi's
 *   default), {@link org.sbi4j.nn.LuLinearTransform}, {@link
 *   org.sbi4j.nn.PermutationTransform}, over a {@link org.sbi4j.nn.StandardNormal} or trainable {@link
 *   org.sbi4j.nn.GaussianMixtureBase}, assembled by {@link org.sbi4j.nn.ConditionalFlow} with an optional
 *   x-embedding {@link org.sbi4j.nn.Mlp}; and the {@link org.sbi4j.nn.MixtureDensityNetwork};</li>
 *   <li>flow matching (FMPE): the vector field {@link org.sbi4j.nn.VectorFieldNetwork} ({@link
 *   org.sbi4j.nn.VectorFieldSpec}), its {@link org.sbi4j.nn.Divergence} (exact or Hutchinson) through {@link
 *   org.sbi4j.nn.VectorJacobianProduct}s, and {@link org.sbi4j.nn.FlowOde}, its right-hand sides for the
 *   batched solvers of {@link org.sbi4j.nn.ode};</li>
 *   <li>{@link org.sbi4j.nn.DensityModelSpec} → {@link org.sbi4j.nn.DensityModels#create} builds any of
 *   them;</li>
 *   <li>training: {@link org.sbi4j.nn.Trainer} with {@link org.sbi4j.nn.TrainingConfig} over a
 *   {@link org.sbi4j.nn.TrainingObjective} ({@link org.sbi4j.nn.DensityObjective} for maximum likelihood);</li>
 *   <li>{@link org.sbi4j.nn.ConditionalDensity}: the estimator-facing wrapper with the prior-bounds
 *   {@link org.sbi4j.nn.ThetaBijection}, {@link org.sbi4j.nn.Standardizer}s, exact densities in θ, sampling
 *   and persistence through {@link org.sbi4j.api.ModelWriter}.</li>
 * </ul>
 */
package org.sbi4j.nn;
