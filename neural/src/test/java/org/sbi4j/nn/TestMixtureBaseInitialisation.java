package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** A flow started at the identity over a mixture base set from a fit is that mixture, in any context. */
class TestMixtureBaseInitialisation {

    @Test
    void identityFlowOverFittedBaseIsTheFit() {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.NSF;
        spec.thetaDim = 3;
        spec.contextDim = 2;
        spec.transforms = 3;
        spec.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        spec.baseComponents = 2;
        ConditionalFlow flow = (ConditionalFlow) DensityModels.create(spec, Precision.FLOAT64,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        DensityModels.startAtIdentity(flow, spec);
        double[][][] chol = {
            {{1.0, 0, 0}, {0.3, 0.5, 0}, {-0.2, 0.1, 0.8}},
            {{0.4, 0, 0}, {0.0, 0.7, 0}, {0.25, -0.3, 0.6}}};
        WeightedGaussianMixture.Fit fit = new WeightedGaussianMixture.Fit(new double[] {0.3, 0.7},
                new double[][] {{-1, 0.5, 2}, {1.5, -1, 0}}, chol, Double.NaN);
        ((GaussianMixtureBase) flow.base()).setComponents(fit.weights(), fit.means(), fit.cholesky());
        double[][] theta = {{0.1, 0.2, 0.3}, {-1, 0.4, 1.9}, {1.4, -0.8, 0.2}, {5, 5, -5}};
        double[][] context = {{3, -2}, {0, 0}, {-1, 7}, {0.5, 0.5}};
        double[] logq = new double[theta.length];
        flow.logDensity(Mat.of(Precision.FLOAT64, theta), Mat.of(Precision.FLOAT64, context), theta.length, logq);
        for (int r = 0; r < theta.length; r++) {
            assertThat(logq[r]).as("row %d", r).isCloseTo(fit.logDensity(theta[r]), within(1e-9));
        }
    }

    @Test
    void aMixtureDensityNetworkHasNoIdentity() {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.MDN;
        spec.contextDim = 1;
        ConditionalDensityModel mdn = DensityModels.create(spec, Precision.FLOAT64,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        assertThatThrownBy(() -> DensityModels.startAtIdentity(mdn, spec)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
