package org.sbi4j.estimators.nle;

import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.FlowSettings;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code nle}. The training loop, the coordinates and the flow's architecture are npe's, inherited from
 * {@link FlowSettings} (Adam at 5·10⁻⁴, batches of 200, 10% validation, patience 20, clipping at norm 5, weights
 * averaged over about 3 epochs; θ mapped to unconstrained space from the prior's bounds and z-scored as the flow's context, x after the
 * automatic log of wide positive columns and z-scored as the modelled variable). {@code min-acceptance} is inherited
 * but has no effect here: the posterior is drawn by a sampler that never leaves the prior's support. The flow
 * defaults are npe's (an NSF of 5 transforms, 50 hidden units, 10 bins, tail bound 4); sbi's NLE default is a MAF,
 * available with {@code flow: maf}.
 */
public final class NleSettings extends FlowSettings {

    @Setting("flow modelling q(x | θ): nsf (neural spline flow, default) or maf (masked autoregressive flow, sbi's "
            + "NLE default); both have the gradient in θ the samplers use")
    public NleFlow flow = NleFlow.NSF;

    @Override
    public void validate() {
        if (flow == null) {
            throw new IllegalArgumentException("flow is missing: it must be nsf or maf");
        }
        validateFlow();
    }

    /** The flow's architecture; its dimensions are filled in from the training data. */
    DensityModelSpec modelSpec() {
        return flowSpec(flow.modelType());
    }
}
