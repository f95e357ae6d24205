/**
 * The sbi4j runtime: {@link org.sbi4j.runtime.Sbi4j} is the embedding facade (plugin discovery, config,
 * simulation, training, sampling, persistence); the CLI in {@code org.sbi4j.runtime.cli} is a thin layer
 * over it.
 */
package org.sbi4j.runtime;
