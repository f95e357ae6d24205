/**
 * Samplers and the posteriors they make: {@link org.sbi4j.runtime.sample.SampledPosterior} draws with a
 * {@link org.sbi4j.api.Sampler} from the exact posterior π(θ) p(x₀ | θ) when the simulator has a likelihood
 * (refinement), with the trained posterior as the proposal; the stock sampler is importance sampling.
 */
package org.sbi4j.runtime.sample;
