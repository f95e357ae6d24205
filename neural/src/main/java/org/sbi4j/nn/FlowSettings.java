package org.sbi4j.nn;

import org.sbi4j.spi.Setting;

/**
 * {@link NeuralSettings} plus the architecture of a normalizing flow that npe and nle share: transforms, conditioner
 * networks and splines. A subclass adds its choice of family ({@code flow}) and calls {@link #validateFlow()} and
 * {@link #flowSpec(DensityModelSpec.Type)}.
 */
public abstract class FlowSettings extends NeuralSettings {

    @Setting("number of flow transforms (nsf, maf), 1..100")
    public int transforms = 5;

    @Setting("width of the hidden layers of each conditioner network (and of npe's mdn), 1..10000")
    public int hiddenFeatures = 50;

    @Setting("hidden layers per conditioner network (and in npe's mdn), 0..20")
    public int hiddenLayers = 2;

    @Setting("rational-quadratic spline bins per coordinate (nsf), 1..100")
    public int bins = 10;

    @Setting("half-width B of the spline interval [-B, B] in standardised units (nsf); outside it each "
            + "transform is the identity, > 0. Default 4 (sbi: 3): 3 cannot reshape posteriors whose mass reaches "
            + "3 prior standard deviations, 5 spreads the bins too thinly for narrow, curved posteriors")
    public double tailBound = 4.0;

    /**
     * Checks the flow's settings and the shared ones.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    protected void validateFlow() {
        range("transforms", transforms, 1, 100);
        range("hidden-features", hiddenFeatures, 1, 10_000);
        range("hidden-layers", hiddenLayers, 0, 20);
        range("bins", bins, 1, 100);
        if (!(tailBound > 0) || !Double.isFinite(tailBound)) {
            throw bad("tail-bound", tailBound, "a finite number > 0 (standardised units; default 4)");
        }
        validateShared();
    }

    /**
     * A spec of the given family with these settings; the dimensions are filled in from the training data.
     *
     * @param type the model family
     * @return the spec
     */
    protected DensityModelSpec flowSpec(DensityModelSpec.Type type) {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = type;
        spec.transforms = transforms;
        spec.hiddenFeatures = hiddenFeatures;
        spec.hiddenLayers = hiddenLayers;
        spec.bins = bins;
        spec.tailBound = tailBound;
        return spec;
    }

    /**
     * Refuses an integer setting outside its range.
     *
     * @param name the setting's name
     * @param value its value
     * @param low the smallest allowed
     * @param high the largest allowed
     * @throws IllegalArgumentException naming the setting, its value and the range
     */
    protected static void range(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw bad(name, value, low + ".." + high);
        }
    }

    /**
     * The error for a setting with a bad value.
     *
     * @param name the setting's name
     * @param value its value
     * @param allowed what is allowed
     * @return the exception
     */
    protected static IllegalArgumentException bad(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + allowed);
    }
}
