package org.sbi4j.estimators.nle;

import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.NeuralSettings;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code nle}. The training loop and the coordinates are npe's, inherited from {@link NeuralSettings}
 * (Adam at 5·10⁻⁴, batches of 200, 10% validation, patience 20, clipping at norm 5, weights averaged over about 3
 * epochs; θ mapped to unconstrained space from the prior's bounds and z-scored as the flow's context, x after the
 * automatic log of wide positive columns and z-scored as the modelled variable). {@code min-acceptance} is inherited
 * but has no effect here: the posterior is drawn by a sampler that never leaves the prior's support. The flow
 * defaults are npe's (an NSF of 5 transforms, 50 hidden units, 10 bins, tail bound 4); sbi's NLE default is a MAF,
 * available with {@code flow: maf}.
 */
public final class NleSettings extends NeuralSettings {

    @Setting("flow modelling q(x | θ): nsf (neural spline flow, default) or maf (masked autoregressive flow, sbi's "
            + "NLE default); both have the gradient in θ the samplers use")
    public NleFlow flow = NleFlow.NSF;

    @Setting("transforms of the flow, 1..100")
    public int transforms = 5;

    @Setting("hidden width of each transform's conditioner network, 1..10000")
    public int hiddenFeatures = 50;

    @Setting("hidden layers of each conditioner network, 0..20")
    public int hiddenLayers = 2;

    @Setting("spline bins per data coordinate (nsf), 1..100")
    public int bins = 10;

    @Setting("half-width B of the spline interval [-B, B] in standardised data units (nsf), > 0; outside it each "
            + "transform is the identity")
    public double tailBound = 4.0;

    @Override
    public void validate() {
        if (flow == null) {
            throw new IllegalArgumentException("flow is missing: it must be nsf or maf");
        }
        range("transforms", transforms, 1, 100);
        range("hidden-features", hiddenFeatures, 1, 10_000);
        range("hidden-layers", hiddenLayers, 0, 20);
        range("bins", bins, 1, 100);
        if (!(tailBound > 0) || !Double.isFinite(tailBound)) {
            throw new IllegalArgumentException("tail-bound = " + tailBound + " is invalid; allowed: a finite number "
                    + "> 0 (standardised units; default 4)");
        }
        validateShared();
    }

    /** The flow's architecture; its dimensions are filled in from the training data. */
    DensityModelSpec modelSpec() {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = flow.modelType();
        spec.transforms = transforms;
        spec.hiddenFeatures = hiddenFeatures;
        spec.hiddenLayers = hiddenLayers;
        spec.bins = bins;
        spec.tailBound = tailBound;
        return spec;
    }

    private static void range(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + low + ".." + high);
        }
    }
}
