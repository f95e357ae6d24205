/**
 * Diagnostics of posterior quality, in plain Java; every result depends on the seed only, never on the number
 * of threads.
 * <ul>
 *   <li>Calibration over the prior: {@link org.sbi4j.runtime.diagnostics.CalibrationSampler} draws (θ*, x) pairs
 *       and posterior draws; {@link org.sbi4j.runtime.diagnostics.Sbc}, {@link
 *       org.sbi4j.runtime.diagnostics.ExpectedCoverage} and {@link org.sbi4j.runtime.diagnostics.Tarp} read them
 *       ({@link org.sbi4j.runtime.diagnostics.Calibration} runs all three).</li>
 *   <li>Distances to a reference posterior: {@link org.sbi4j.runtime.diagnostics.C2st} (exactly as sbibm
 *       defines it), {@link org.sbi4j.runtime.diagnostics.Mmd}, {@link org.sbi4j.runtime.diagnostics.KlDivergence},
 *       {@link org.sbi4j.runtime.diagnostics.Wasserstein} ({@link org.sbi4j.runtime.diagnostics.SampleDistances}
 *       runs the last three).</li>
 *   <li>{@link org.sbi4j.runtime.diagnostics.PosteriorPredictiveCheck}: the observation against data simulated at
 *       posterior draws.</li>
 * </ul>
 */
package org.sbi4j.runtime.diagnostics;
