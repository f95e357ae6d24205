/**
 * Multi-modal simulators with exact likelihoods and exact posteriors: the ring of modes and the cube corners
 * ({@link org.sbi4j.simulators.mixtures.OffsetMixtureSimulator}) and the sign-symmetric squares
 * ({@link org.sbi4j.simulators.mixtures.SignSymmetricSimulator}), contributed by
 * {@link org.sbi4j.simulators.mixtures.MixturesPlugin}.
 */
package org.sbi4j.simulators.mixtures;
