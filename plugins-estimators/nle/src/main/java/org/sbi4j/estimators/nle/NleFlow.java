package org.sbi4j.estimators.nle;

import java.util.Locale;
import org.sbi4j.nn.DensityModelSpec;

/** The conditional flows q(x | θ) NLE can train: those with a gradient in their context θ. */
public enum NleFlow {
    /** Neural spline flow (coupling, rational-quadratic splines, LU-linear mixing), as npe's default. */
    NSF(DensityModelSpec.Type.NSF),
    /** Masked autoregressive flow (affine MADE transforms with reversals in between): sbi's NLE default. */
    MAF(DensityModelSpec.Type.MAF);

    private final DensityModelSpec.Type type;

    NleFlow(DensityModelSpec.Type type) {
        this.type = type;
    }

    /** The model family in the neural library. */
    DensityModelSpec.Type modelType() {
        return type;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
