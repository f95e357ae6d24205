/**
 * The stable types a simulator or estimator plugin is written against: {@link org.sbi4j.api.Prior},
 * {@link org.sbi4j.api.Simulator}, {@link org.sbi4j.api.Likelihood},
 * {@link org.sbi4j.api.DifferentiableSimulator}, {@link org.sbi4j.api.Estimator} and the
 * {@link org.sbi4j.api.Posterior} it yields. Plain Java: {@code double[]} and {@code double[][]} at the
 * boundary, no tensor library, no dependency-injection framework.
 */
package org.sbi4j.api;
