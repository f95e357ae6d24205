package org.sbi4j.simulators.mixtures;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings of the {@code ring-of-modes} task. */
public final class RingOfModesSettings implements Settings {
    /** The largest number of modes accepted. */
    public static final int MAX_MODES = 64;

    /** Number of modes K. */
    @Setting("number of modes K on the ring (offsets r(cos 2πk/K, sin 2πk/K)), 1 to 64; the modes are "
            + "separated when 2r·sin(π/K) is several times sd (default 4, the paper's other case is 8)")
    public int modes = 4;

    /** Ring radius r. */
    @Setting("radius r of the ring of modes around the observation, >= 0 (same unit as θ)")
    public double radius = 3;

    /** Mode standard deviation s. */
    @Setting("standard deviation s of each mode, i.e. of the Gaussian simulator noise, > 0")
    public double sd = 0.3;

    /** Prior half-width B. */
    @Setting("half-width B of the box prior U(-B, B)^2, > 0")
    public double bound = 6;

    @Override
    public void validate() {
        if (modes < 1 || modes > MAX_MODES) {
            throw new IllegalArgumentException("modes = " + modes + " must be between 1 and " + MAX_MODES);
        }
        if (!(radius >= 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius = " + radius + " must be finite and >= 0");
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("sd = " + sd + " must be positive and finite");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("bound = " + bound + " must be positive and finite");
        }
    }
}
