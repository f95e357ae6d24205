/**
 * The contract test kit, published as the {@code sbi4j-api} test-jar. Extend
 * {@link org.sbi4j.testing.SimulatorContract}, {@link org.sbi4j.testing.PriorContract},
 * {@link org.sbi4j.testing.PosteriorContract} or {@link org.sbi4j.testing.EstimatorContract} in a plugin's tests to
 * check the SPI contract (shapes, names, determinism under a seed, validity mask, thread safety, gradients against
 * finite differences, save → load, accuracy on the {@link org.sbi4j.testing.ConjugateGaussian} model). The
 * fixtures {@link org.sbi4j.testing.InMemoryModel} (a model file in memory), {@link org.sbi4j.testing.SeededFitContext}
 * (a stand-in for the runtime's fit context) and {@link org.sbi4j.testing.SeededRandom} serve tests that need them.
 */
package org.sbi4j.testing;
