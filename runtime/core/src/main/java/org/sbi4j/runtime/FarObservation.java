package org.sbi4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sbi4j.runtime.store.Manifest;

/**
 * Tells when an observation lies far outside the simulated data a model was trained on, in standardised units
 * per data component: |x₀ⱼ − meanⱼ| / sdⱼ above {@link #THRESHOLD}. There no estimator has seen data, so what it
 * answers is extrapolation, whatever the method.
 */
final class FarObservation {
    /**
     * Standard deviations from the simulations' mean beyond which a component is far out. By Chebyshev's inequality at
     * most 1/10² = 1% of any distribution lies that far from its mean, whatever its shape (for normal data about
     * 10⁻²³), so the warning does not fire for observations the simulations cover, heavy tails included.
     */
    static final double THRESHOLD = 10;
    /** Components named in the message at most. */
    private static final int NAMED = 3;

    private FarObservation() {
    }

    /**
     * The warning for an observation, if it lies far out.
     *
     * @param observation x₀
     * @param data the simulated data's statistics, or {@code null} when unknown (no warning then)
     * @param names the data components' names
     * @return the message, empty when every component lies within {@link #THRESHOLD} standard deviations
     */
    static Optional<String> warning(double[] observation, Manifest.DataStatistics data, List<String> names) {
        if (data == null || data.mean().length != observation.length || data.sd().length != observation.length) {
            return Optional.empty();
        }
        List<String> far = new ArrayList<>();
        for (int j = 0; j < observation.length; j++) {
            double mean = data.mean()[j];
            double sd = data.sd()[j];
            double x = observation[j];
            if (sd > 0 && Math.abs(x - mean) > THRESHOLD * sd) {
                far.add(String.format(Locale.ROOT, "%s = %.6g is %.3g standard deviations from the simulations' mean "
                        + "%.6g (sd %.3g)", names.get(j), x, Math.abs(x - mean) / sd, mean, sd));
            } else if (sd == 0 && x != mean) {
                far.add(String.format(Locale.ROOT, "%s = %.6g where every simulation gave %.6g", names.get(j), x, mean));
            }
        }
        if (far.isEmpty()) {
            return Optional.empty();
        }
        String listed = String.join("; ", far.subList(0, Math.min(NAMED, far.size())))
                + (far.size() > NAMED ? "; and " + (far.size() - NAMED) + " more components" : "");
        return Optional.of(String.format(Locale.ROOT, "the observation lies far from every simulation: %s. More "
                + "than %.0f standard deviations out the estimator extrapolates and its posterior may be meaningless; "
                + "check the observation against the simulated data (values, units, column order), or train on a "
                + "prior whose simulations cover it", listed, THRESHOLD));
    }
}
