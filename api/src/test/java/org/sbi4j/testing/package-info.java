/**
 * The contract test kit, published as the {@code sbi4j-api} test-jar: extend
 * {@link org.sbi4j.testing.SimulatorContract} or {@link org.sbi4j.testing.PriorContract} in a plugin's
 * tests to check the SPI contract (shapes, names, determinism under a seed, validity mask, thread safety).
 */
package org.sbi4j.testing;
