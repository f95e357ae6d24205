package org.sbi4j.estimators.npe;

import org.sbi4j.nn.DensityModelSpec;

/** The conditional density family NPE trains. */
public enum FlowType {
    /** Neural spline flow (coupling, rational-quadratic splines, LU-linear mixing): sbi's and sbibm's default. */
    NSF(DensityModelSpec.Type.NSF),
    /** Masked autoregressive flow (affine MADE transforms with reversals in between). */
    MAF(DensityModelSpec.Type.MAF),
    /** Mixture density network: a Gaussian mixture whose weights, means and covariances are an MLP of x. */
    MDN(DensityModelSpec.Type.MDN);

    private final DensityModelSpec.Type type;

    FlowType(DensityModelSpec.Type type) {
        this.type = type;
    }

    /** The model family in the neural library. */
    DensityModelSpec.Type modelType() {
        return type;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
