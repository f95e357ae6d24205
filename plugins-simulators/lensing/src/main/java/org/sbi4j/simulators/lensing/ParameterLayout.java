package org.sbi4j.simulators.lensing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of the 21 {@link LensParameter}s are free (in θ, in canonical order), which are held at fixed values and
 * which copy another one (the lens-light centre tied to the SIE centre). Maps θ to the full vector and full
 * gradients back to θ.
 */
final class ParameterLayout {
    private final LensParameter[] free;
    private final int[] freeIndex;
    private final double[] fixedValue;
    private final int[] tiedTo;
    private final boolean lensLight;

    private ParameterLayout(LensParameter[] free, int[] freeIndex, double[] fixedValue, int[] tiedTo,
                            boolean lensLight) {
        this.free = free;
        this.freeIndex = freeIndex;
        this.fixedValue = fixedValue;
        this.tiedTo = tiedTo;
        this.lensLight = lensLight;
    }

    /**
     * Builds the layout from the settings.
     *
     * @param settings the simulator settings
     * @return the layout
     * @throws IllegalArgumentException naming the offending setting
     */
    static ParameterLayout from(LensingSettings settings) {
        int count = LensParameter.COUNT;
        double[] fixedValue = new double[count];
        Arrays.fill(fixedValue, Double.NaN);
        int[] tiedTo = new int[count];
        Arrays.fill(tiedTo, -1);
        boolean[] inactive = new boolean[count];
        if (!settings.externalShear) {
            fixedValue[LensParameter.SHEAR_G1.index()] = 0;
            fixedValue[LensParameter.SHEAR_G2.index()] = 0;
            inactive[LensParameter.SHEAR_G1.index()] = true;
            inactive[LensParameter.SHEAR_G2.index()] = true;
        }
        if (!settings.lensLight) {
            if (settings.tieLightCenter) {
                throw new IllegalArgumentException("tie-light-center = true needs lens-light = true");
            }
            for (LensParameter p : LensParameter.values()) {
                if (p.index() >= LensParameter.LIGHT_AMP.index()) {
                    inactive[p.index()] = true;
                    fixedValue[p.index()] = 0;
                }
            }
            fixedValue[LensParameter.LIGHT_R.index()] = 1;
            fixedValue[LensParameter.LIGHT_N.index()] = 1;
        } else if (settings.tieLightCenter) {
            tiedTo[LensParameter.LIGHT_X.index()] = LensParameter.LENS_X.index();
            tiedTo[LensParameter.LIGHT_Y.index()] = LensParameter.LENS_Y.index();
        }
        for (String entry : settings.fixed) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fixed: entry '" + entry + "' must be written name=value");
            }
            String name = entry.substring(0, eq).trim();
            LensParameter p = LensParameter.byId(name);
            if (p == null) {
                throw new IllegalArgumentException("fixed: unknown parameter '" + name + "'; known: "
                        + Arrays.stream(LensParameter.values()).map(LensParameter::id).toList());
            }
            if (inactive[p.index()]) {
                throw new IllegalArgumentException("fixed: " + name + " belongs to a component switched off "
                        + "(external-shear or lens-light is false)");
            }
            if (tiedTo[p.index()] >= 0) {
                throw new IllegalArgumentException("fixed: " + name + " is tied to the SIE centre "
                        + "(tie-light-center = true) and cannot also be fixed");
            }
            if (!Double.isNaN(fixedValue[p.index()])) {
                throw new IllegalArgumentException("fixed: " + name + " is given twice");
            }
            double value;
            try {
                value = Double.parseDouble(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fixed: value of " + name + " in '" + entry + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("fixed: value of " + name + " must be finite, got " + value);
            }
            fixedValue[p.index()] = value;
        }
        List<LensParameter> freeList = new ArrayList<>();
        int[] freeIndex = new int[count];
        Arrays.fill(freeIndex, -1);
        for (LensParameter p : LensParameter.values()) {
            if (Double.isNaN(fixedValue[p.index()]) && tiedTo[p.index()] < 0) {
                freeIndex[p.index()] = freeList.size();
                freeList.add(p);
            }
        }
        if (freeList.isEmpty()) {
            throw new IllegalArgumentException("fixed: every parameter is fixed; leave at least one free");
        }
        return new ParameterLayout(freeList.toArray(new LensParameter[0]), freeIndex, fixedValue, tiedTo,
                settings.lensLight);
    }

    /** The free parameters in θ order. */
    List<LensParameter> free() {
        return List.of(free);
    }

    /** Their names. */
    List<String> names() {
        return Arrays.stream(free).map(LensParameter::id).toList();
    }

    /** Length of θ. */
    int dimension() {
        return free.length;
    }

    /** Whether the lens light is rendered. */
    boolean lensLight() {
        return lensLight;
    }

    /**
     * Expands θ to the full parameter vector.
     *
     * @param theta free parameters
     * @param full 21 values out
     */
    void toFull(double[] theta, double[] full) {
        for (int k = 0; k < full.length; k++) {
            int f = freeIndex[k];
            full[k] = f >= 0 ? theta[f] : fixedValue[k];
        }
        for (int k = 0; k < full.length; k++) {
            if (tiedTo[k] >= 0) {
                full[k] = full[tiedTo[k]];
            }
        }
    }

    /**
     * Maps a gradient in the full vector to θ (tied parameters pass theirs to the parameter they copy).
     *
     * @param fullGradient 21 values
     * @param gradient θ-gradient out (overwritten)
     */
    void toFree(double[] fullGradient, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        for (int k = 0; k < fullGradient.length; k++) {
            int source = tiedTo[k] >= 0 ? tiedTo[k] : k;
            int f = freeIndex[source];
            if (f >= 0) {
                gradient[f] += fullGradient[k];
            }
        }
    }
}
