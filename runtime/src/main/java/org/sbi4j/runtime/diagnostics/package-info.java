/**
 * Diagnostics of posterior quality. {@link org.sbi4j.runtime.diagnostics.C2st} is the classifier two-sample
 * test exactly as the sbibm benchmark defines it (z-scoring by the reference, scikit-learn-style
 * {@link org.sbi4j.runtime.diagnostics.MlpClassifier}, shuffled {@link org.sbi4j.runtime.diagnostics.KFold}
 * cross-validation), in plain Java.
 */
package org.sbi4j.runtime.diagnostics;
