package org.sbi4j.simulators.mixtures;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** Settings of the {@code cube-corners} task. */
public final class CubeCornersSettings implements Settings {

    /** Number of modes K. */
    @Setting("number of modes K, 1 to 8: the first K corners (±a, ±a, ±a) in binary order (coordinate j of "
            + "corner k is -a when bit j of k is set): 2 = a pair along θ1, 4 = the face θ3 = +a, 8 = the cube")
    public int modes = 8;

    /** Half-side a of the cube. */
    @Setting("half-side a of the cube of modes: offsets (±a, ±a, ±a), > 0 (same unit as θ)")
    public double halfSide = 2;

    /** Mode standard deviation s. */
    @Setting("standard deviation s of each mode, i.e. of the Gaussian simulator noise, > 0")
    public double sd = 0.3;

    /** Prior half-width B. */
    @Setting("half-width B of the box prior U(-B, B)^3, > 0")
    public double bound = 6;

    @Override
    public void validate() {
        if (modes < 1 || modes > OffsetMixtureSimulator.CUBE_CORNERS) {
            throw new IllegalArgumentException("modes = " + modes + " must be between 1 and 8");
        }
        if (!(halfSide > 0) || !Double.isFinite(halfSide)) {
            throw new IllegalArgumentException("half-side = " + halfSide + " must be positive and finite");
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("sd = " + sd + " must be positive and finite");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("bound = " + bound + " must be positive and finite");
        }
    }
}
