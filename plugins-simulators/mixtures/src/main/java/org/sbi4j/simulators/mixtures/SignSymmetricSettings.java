package org.sbi4j.simulators.mixtures;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings of the {@code sign-symmetric} task. */
public final class SignSymmetricSettings implements Settings {
    /** The largest dimension accepted. */
    public static final int MAX_DIMENSION = 10;

    /** Number of parameters d. */
    @Setting("number of parameters d (= data dimension), 1 to 10; the posterior has 2^d modes "
            + "(default 2; 3 is the paper's 3-D case)")
    public int dimension = 2;

    /** Noise standard deviation σ. */
    @Setting("standard deviation σ of the Gaussian noise on x = θ² + σε, > 0")
    public double sd = 0.1;

    /** Prior half-width B. */
    @Setting("half-width B of the box prior U(-B, B)^d, > 0")
    public double bound = 3;

    @Override
    public void validate() {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension = " + dimension + " must be between 1 and "
                    + MAX_DIMENSION);
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("sd = " + sd + " must be positive and finite");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("bound = " + bound + " must be positive and finite");
        }
    }
}
